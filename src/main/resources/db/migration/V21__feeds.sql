-- Listening sources (issue 13, item 5): RSS and Atom feeds. Each entry a feed account has stored, by the external id
-- its message has (the entry's id, else its link, hashed when longer than a message's external id may be), with its
-- link (an entry that comes back under a new id but the same link is the same entry) and a hash of its text (a changed
-- hash is an edit: the stored message is updated, never stored twice). Written in the transaction that stores the
-- entries' messages and the feed's position (ETag, Last-Modified, Retry-After), so a restart neither skips nor
-- repeats. Bounded: only the earshot.channels.feed.keep-entries entries seen most recently are kept per account
-- (those still in the feed are seen on every fetch, so never dropped).
create table feed_entry (
    account_id   bigint        not null references channel_account (id) on delete cascade,
    external_id  varchar(200)  not null,
    link         varchar(2000),
    content_hash varchar(64)   not null,
    last_seen_at bigint        not null,
    primary key (account_id, external_id)
);

create index feed_entry_link_idx on feed_entry (account_id, link);
create index feed_entry_seen_idx on feed_entry (account_id, last_seen_at);
