-- Channels, part 1 (issue 12): the accounts Earshot hears and answers on, and where each message, conversation and
-- reply came from or goes to.

-- A mailbox, a chat widget, a signed webhook source. Settings are JSON without secrets; the secrets are one JSON
-- object sealed with AES-GCM under EARSHOT_SECRET_KEY (never returned, never logged). The position is the
-- connector's own (an IMAP folder's UIDVALIDITY and last UID), written in the transaction that stores the messages
-- it produced. The lease says which instance runs the account's connector, until when.
create table channel_account (
    id                 bigint        primary key,
    kind               varchar(16)   not null,
    name               varchar(200)  not null,
    status             varchar(12)   not null,
    settings           varchar(20000) not null,
    secrets            bytea,
    secret_names       varchar(1000) not null default '',
    position           varchar(4000),
    last_success_at    bigint,
    last_error         varchar(1000),
    last_error_at      bigint,
    rate_limited_until bigint,
    backlog            int           not null default 0,
    failures           int           not null default 0,
    next_start_at      bigint,
    lease_owner        varchar(100),
    lease_until        bigint,
    created_at         bigint        not null,
    constraint channel_account_name_uq unique (kind, name)
);

alter table message add column account_id bigint;
alter table message add column reply_address varchar(320);
alter table message add column subject varchar(1000);

alter table conversation add column account_id bigint;

-- A reply goes out on the account and to the recipient of the message it answers.
alter table outbox add column account_id bigint;
alter table outbox add column recipient varchar(320);
