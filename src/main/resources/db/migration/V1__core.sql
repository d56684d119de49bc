-- Earshot core schema. Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.
-- Instants are stored as BIGINT epoch milliseconds (docs/adr/0002-instants-as-epoch-millis.md).
-- Ids come from one sequence, handed out in blocks by the application (hi/lo).
-- No foreign keys: the intake writes linked rows in one transaction and keeps the links itself
-- (docs/adr/0006-no-foreign-keys-on-the-hot-path.md).

create sequence earshot_ids start with 1 increment by 1000;

create table agent (
    id          bigint       primary key,
    name        varchar(200) not null,
    email       varchar(320) not null,
    role        varchar(16)  not null,
    token_hash  varchar(64)  not null,
    created_at  bigint       not null,
    constraint agent_email_uq unique (email),
    constraint agent_token_uq unique (token_hash)
);

create table customer (
    id          bigint       primary key,
    handle      varchar(200) not null,
    name        varchar(200),
    email       varchar(320),
    followers   bigint       not null default 0,
    verified    boolean      not null default false,
    merged_into bigint,
    created_at  bigint       not null,
    last_seen_at bigint      not null
);

-- An identity is a channel and a handle (lower-cased), or 'email' and an address.
create table customer_identity (
    channel     varchar(16)  not null,
    handle      varchar(320) not null,
    customer_id bigint       not null,
    display     varchar(320) not null,
    created_at  bigint       not null,
    constraint customer_identity_pk primary key (channel, handle)
);
create index customer_identity_customer_ix on customer_identity (customer_id);

create table conversation (
    id                     bigint       primary key,
    customer_id            bigint       not null,
    channel                varchar(16)  not null,
    status                 varchar(12)  not null,
    assignee_id            bigint,
    preview                varchar(300) not null,
    priority_score         int          not null,
    priority_level         varchar(8)   not null,
    priority_reasons       varchar(2000) not null,
    sentiment_label        varchar(8),
    sentiment_score        real,
    intent                 varchar(12),
    language               varchar(8),
    inbound_count          int          not null default 0,
    created_at             bigint       not null,
    last_activity_at       bigint       not null,
    last_inbound_at        bigint,
    last_outbound_at       bigint,
    first_response_at      bigint,
    first_response_seconds bigint,
    resolved_at            bigint,
    resolution_seconds     bigint,
    first_response_due     bigint,
    next_update_due        bigint,
    resolution_due         bigint,
    due_at                 bigint
);
create index conversation_status_priority_ix on conversation (status, priority_score, id);
create index conversation_status_created_ix  on conversation (status, created_at, id);
create index conversation_status_due_ix      on conversation (status, due_at, id);
create index conversation_customer_ix        on conversation (customer_id, last_activity_at);
create index conversation_created_ix         on conversation (created_at);

create table message (
    id              bigint        primary key,
    channel         varchar(16)   not null,
    external_id     varchar(200)  not null,
    conversation_id bigint        not null,
    customer_id     bigint        not null,
    inbound         boolean       not null,
    author_handle   varchar(200)  not null,
    author_name     varchar(200),
    agent_id        bigint,
    body            varchar(1000000) not null,
    created_at      bigint        not null,
    received_at     bigint        not null,
    in_reply_to     varchar(200),
    private_message boolean       not null default false,
    url             varchar(2000),
    language        varchar(8),
    sentiment_label varchar(8),
    sentiment_score real,
    intent          varchar(12),
    constraint message_channel_external_uq unique (channel, external_id)
);
create index message_conversation_ix on message (conversation_id, created_at);
create index message_outbound_created_ix on message (inbound, created_at);

create table conversation_event (
    id              bigint        primary key,
    conversation_id bigint        not null,
    at              bigint        not null,
    kind            varchar(32)   not null,
    actor           varchar(200),
    details         varchar(4000)
);
create index conversation_event_conversation_ix on conversation_event (conversation_id, at);

-- Replies waiting for their channel's connector. One row per outbound message: never sent twice.
create table outbox (
    id              bigint        primary key,
    message_id      bigint        not null,
    conversation_id bigint        not null,
    channel         varchar(16)   not null,
    status          varchar(12)   not null,
    attempts        int           not null default 0,
    next_attempt_at bigint        not null,
    last_error      varchar(1000),
    sent_at         bigint,
    external_ref    varchar(200),
    created_at      bigint        not null,
    constraint outbox_message_uq unique (message_id)
);
create index outbox_status_next_ix on outbox (status, next_attempt_at);
