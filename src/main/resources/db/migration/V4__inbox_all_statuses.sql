-- The inbox across every status (status=all) sorted by priority or due date reads from these.
create index conversation_priority_ix on conversation (priority_score desc, id desc);
create index conversation_due_ix      on conversation (due_at, id);
