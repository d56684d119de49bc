-- Every index on conversation costs each ingested message a write: H2 rewrites every index entry of an updated row,
-- whether or not its columns changed. The inbox across every status now reads the first page of each status from
-- the status-led indexes and merges them, so the status-less sort indexes go.
drop index conversation_priority_ix;
drop index conversation_due_ix;
