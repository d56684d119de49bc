-- Channels, part 6 (issue 12): the web chat. A visitor is one browser on one allowed site of a chat account, known
-- by a random token that Earshot stores only as its SHA-256 (the token itself lives in the chat frame's
-- localStorage, never in a cookie). The transcript is the chat's own: what the visitor sees again after a reload,
-- kept by the channel without reading the conversations.
create table chat_visitor (
    id             bigint        primary key,
    account_id     bigint        not null,
    origin         varchar(300)  not null,
    token_hash     bytea         not null,
    name           varchar(200),
    email          varchar(320),
    email_verified boolean       not null default false,
    created_at     bigint        not null,
    last_seen_at   bigint        not null,
    constraint chat_visitor_token_uq unique (token_hash)
);

-- One line of a chat, from the visitor or from an agent. The key makes a line once: a visitor's line by the id
-- its frame gave it (a resend after a lost answer is the same line), an agent's by the reply's idempotency key
-- (the outbox sending it again adds nothing).
create table chat_line (
    id          bigint        primary key,
    visitor_id  bigint        not null references chat_visitor (id) on delete cascade,
    from_agent  boolean       not null,
    line_key    varchar(200)  not null,
    text        text          not null,
    created_at  bigint        not null,
    constraint chat_line_key_uq unique (line_key)
);

create index chat_line_visitor_idx on chat_line (visitor_id, created_at, id);
