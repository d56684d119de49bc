-- PostgreSQL only from here on (ADR 0011, 0012): indexes chosen for what PostgreSQL does, not for H2.
--
-- Every non-HOT update of a conversation writes an entry in each of its indexes, and ingest updates a conversation
-- for most messages, so each index earns its place:
-- * a b-tree reads backwards as well as forwards: (status, created_at, id) serves both 'oldest' and 'newest';
-- Rewrites or indexes whole tables: no statement timeout for this migration alone (its own transaction).
set local statement_timeout = 0;
drop index conversation_status_newest_ix;
-- * threading looks a customer's few conversations up by customer and filters the rest; last_activity_at changes with
--   every message, and an indexed column that changes rules out a HOT update;
drop index conversation_customer_ix;
create index conversation_customer_ix on conversation (customer_id);
-- * 'waiting on us longest' lists open conversations only;
drop index conversation_status_waiting_ix;
create index conversation_waiting_ix on conversation (last_inbound_at, id) where status = 'open';
-- * only conversations whose priority will change with time alone are looked up by when.
drop index conversation_priority_refresh_ix;
create index conversation_priority_refresh_ix on conversation (priority_refresh_at) where priority_refresh_at is not null;
-- Room on each page for the new version of an updated row, so an update that changes no indexed column stays on its
-- page (HOT) and writes no index entry at all.
alter table conversation set (fillfactor = 85);
