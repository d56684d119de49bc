-- Incidents (issue 13, item 4): one problem many customers have at once, opened by a lead or by a spike of a topic's
-- negative series. At most one open incident per topic (a unique partial index), so a second spike of the same topic,
-- on this instance or another, adds its conversations to the open one instead of opening another.
create table incident (
    id          bigint        primary key,
    title       varchar(200)  not null,
    topic_id    bigint,
    status      varchar(16)   not null,
    opened_by   varchar(200)  not null,
    created_at  bigint        not null,
    resolved_at bigint,
    resolved_by varchar(200)
);

create unique index incident_open_topic_idx on incident (topic_id) where status = 'open' and topic_id is not null;
create index incident_created_idx on incident (created_at desc, id desc);

-- The conversations an incident gathered, each with how it came (topic, similar, lead, spike), its similarity to the
-- incident's complaint texts (0-1) and, once a lead took it out, when (a removed member is never added back by a
-- sweep, only by a lead). words: the customer's words when it joined (at most 2,000 characters), what the
-- similarity of later joiners is measured against.
create table incident_member (
    incident_id     bigint       not null references incident (id) on delete cascade,
    conversation_id bigint       not null,
    channel         varchar(20)  not null,
    reason          varchar(16)  not null,
    similarity      real         not null,
    words           varchar(2000) not null,
    joined_at       bigint       not null,
    removed_at      bigint,
    primary key (incident_id, conversation_id)
);

create index incident_member_conversation_idx on incident_member (conversation_id);

-- A status update (kind 'update') or the fix (kind 'fix'), written once by a lead. request_key is the client's
-- Idempotency-Key: the same request retried finds the update it made.
create table incident_update (
    id          bigint        primary key,
    incident_id bigint        not null references incident (id) on delete cascade,
    kind        varchar(8)    not null,
    text        text          not null,
    author_id   bigint        not null,
    created_at  bigint        not null,
    request_key varchar(200),
    unique (incident_id, request_key)
);

create index incident_update_incident_idx on incident_update (incident_id, created_at desc, id desc);

-- Who was told what and when: one row per (update, conversation), its primary key the idempotency key of the
-- delivery. A row is 'queued' until the reply that carries it is stored in the same transaction that marks it 'sent'
-- (with the reply's message id), so no customer gets one update twice; 'skipped' when the conversation cannot be
-- answered (a feed, a text too long for the channel), with the reason. pace_key is the channel account the reply goes
-- out on (or the channel, for messages posted to the API), which the per-minute cap counts by.
create table incident_delivery (
    update_id       bigint        not null references incident_update (id) on delete cascade,
    conversation_id bigint        not null,
    status          varchar(8)    not null,
    channel         varchar(20),
    pace_key        varchar(60),
    message_id      bigint,
    queued_at       bigint        not null,
    sent_at         bigint,
    error           varchar(500),
    primary key (update_id, conversation_id)
);

create index incident_delivery_queued_idx on incident_delivery (update_id, queued_at) where status = 'queued';
create index incident_delivery_pace_idx on incident_delivery (pace_key, sent_at) where status = 'sent';
