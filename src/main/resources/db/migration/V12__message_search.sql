-- Message search by words (GET /conversations?q=, the desk's search box). Each message keeps its words, lower-cased
-- and not stemmed ('simple'), in a stored column: a search can check a conversation's messages without parsing
-- their text again, and the GIN index finds a rare word's messages at once (ConversationQueries.fetch uses both).
-- (pg_trgm would match inside words too, at several times the index size and write cost.)
-- Rewrites or indexes whole tables: no statement timeout for this migration alone (its own transaction).
set local statement_timeout = 0;
alter table message add column body_words tsvector generated always as (to_tsvector('simple', body)) stored;
create index message_body_words on message using gin (body_words);
