-- "Waiting on us longest": open conversations by the customer's oldest unanswered message.
create index conversation_status_waiting_ix on conversation (status, last_inbound_at, id);
