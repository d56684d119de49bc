-- When a conversation's priority changes by the passing of time alone (waiting on us), it is re-ranked then.
alter table conversation add column priority_refresh_at bigint;
create index conversation_priority_refresh_ix on conversation (priority_refresh_at);
