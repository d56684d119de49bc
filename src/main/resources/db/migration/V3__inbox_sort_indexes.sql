-- One index per inbox sort, in the sort's own direction, led by status: the inbox query orders by
-- (status, <sort key>, id) with status fixed, so H2 and PostgreSQL both read the page straight from the index.
drop index conversation_status_priority_ix;
drop index conversation_status_created_ix;
drop index conversation_status_due_ix;
drop index conversation_created_ix;
create index conversation_status_priority_ix on conversation (status, priority_score desc, id desc);
create index conversation_status_oldest_ix   on conversation (status, created_at, id);
create index conversation_status_newest_ix   on conversation (status, created_at desc, id desc);
create index conversation_status_due_ix      on conversation (status, due_at, id);
create index conversation_created_ix         on conversation (created_at, id);
