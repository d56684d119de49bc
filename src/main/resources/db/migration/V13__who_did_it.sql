-- Who did it. A promise keeps the agent who kept it (by hand, or by the reply that kept an update promise),
-- and each timeline entry the agent who acted, next to the actor's name as it was then (actor stays as it is:
-- an agent's email, a customer's handle, or the system's name). Both are null where no agent acted.
-- Nullable columns without a default: no table rewrite.
alter table commitment add column kept_by bigint;
alter table conversation_event add column agent_id bigint;
