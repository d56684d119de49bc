-- Message search by words (GET /conversations?q=, the desk's search box): a full-text index over every message's
-- words, lower-cased, not stemmed ('simple'), so a search reads the index instead of every message body.
-- (pg_trgm would match inside words too, at several times the index size and write cost.)
create index message_body_words on message using gin (to_tsvector('simple', body)) with (gin_pending_list_limit = 32768);
