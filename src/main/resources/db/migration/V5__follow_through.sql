-- Follow-through: timers, teams and calendars, SLA policies, breaches, commitments, alerts, webhooks, CSAT.

-- db-scheduler's table (its PostgreSQL schema, with bounded text so H2 can key on it).
create table scheduled_tasks (
    task_name            varchar(100) not null,
    task_instance        varchar(200) not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean      not null,
    picked_by            varchar(200),
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint       not null,
    priority             smallint,
    constraint scheduled_tasks_pk primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time_ix on scheduled_tasks (execution_time);
create index scheduled_tasks_heartbeat_ix on scheduled_tasks (last_heartbeat);

-- A team works to one business calendar; its lead hears of broken promises.
create table team (
    id          bigint        primary key,
    name        varchar(200)  not null,
    time_zone   varchar(64)   not null,
    hours       varchar(300)  not null,
    holidays    varchar(4000) not null,
    lead_id     bigint,
    created_at  bigint        not null,
    constraint team_name_uq unique (name)
);
alter table agent add column team_id bigint;

-- SLA policies, tried in position order; the first whose conditions all hold applies.
-- A null condition matches anything; lists are comma-separated wire names.
create table sla_policy (
    id                bigint       primary key,
    name              varchar(200) not null,
    position          int          not null,
    channels          varchar(300),
    intents           varchar(200),
    levels            varchar(100),
    sentiments        varchar(100),
    min_followers     bigint,
    team_id           bigint,
    first_response_s  bigint       not null,
    update_cadence_s  bigint       not null,
    resolution_s      bigint       not null,
    business_hours    boolean      not null,
    created_at        bigint       not null
);
insert into sla_policy values (-4, 'Urgent', 10, null, null, 'urgent', null, null, null, 1800, 14400, 86400, false, 0);
insert into sla_policy values (-3, 'Negative public post', 20,
    'twitter,facebook,instagram,bluesky,mastodon,reddit,forum,blog,review', null, null, 'negative', null, null,
    3600, 86400, 259200, false, 0);
insert into sla_policy values (-2, 'Public post', 30,
    'twitter,facebook,instagram,bluesky,mastodon,reddit,forum,blog,review', null, null, null, null, null,
    14400, 86400, 259200, false, 0);
insert into sla_policy values (-1, 'Email, chat and the rest (business hours)', 1000, null, null, null, null, null, null,
    28800, 57600, 144000, true, 0);

alter table conversation add column sla_pauses varchar(2000);
alter table conversation add column sla_policy_id bigint;

-- One row per missed target; the key makes recording a breach idempotent.
create table sla_breach (
    conversation_id bigint      not null,
    target          varchar(16) not null,
    due_at          bigint      not null,
    breached_at     bigint      not null,
    policy_id       bigint,
    assignee_id     bigint,
    constraint sla_breach_pk primary key (conversation_id, target, due_at)
);
create index sla_breach_at_ix on sla_breach (breached_at);

create table commitment (
    id              bigint        primary key,
    conversation_id bigint        not null,
    message_id      bigint,
    owner_id        bigint,
    text            varchar(1000) not null,
    kind            varchar(12)   not null,
    when_text       varchar(100),
    source          varchar(8)    not null,
    said_at         bigint        not null,
    due_at          bigint        not null,
    remind_at       bigint,
    state           varchar(8)    not null,
    kept_at         bigint,
    broken_at       bigint,
    created_at      bigint        not null
);
create index commitment_state_due_ix on commitment (state, due_at);
create index commitment_conversation_ix on commitment (conversation_id);
create index commitment_said_ix on commitment (said_at);

create table alert (
    id              bigint        primary key,
    kind            varchar(24)   not null,
    severity        varchar(8)    not null,
    fired_at        bigint        not null,
    conversation_id bigint,
    topic_id        bigint,
    commitment_id   bigint,
    recipients      varchar(1000) not null,
    details         varchar(20000) not null,
    dedupe_key      varchar(200)  not null,
    mailed_at       bigint,
    constraint alert_dedupe_uq unique (dedupe_key)
);
create index alert_fired_ix on alert (fired_at);
create index alert_conversation_ix on alert (conversation_id);

create table webhook (
    id                   bigint        primary key,
    url                  varchar(2000) not null,
    events               varchar(300)  not null,
    secret               varchar(200)  not null,
    active               boolean       not null,
    disabled_reason      varchar(500),
    consecutive_failures int           not null,
    created_at           bigint        not null
);

create table webhook_delivery (
    id           bigint       primary key,
    webhook_id   bigint       not null,
    alert_id     bigint       not null,
    status       varchar(12)  not null,
    attempts     int          not null,
    last_status  int,
    last_error   varchar(500),
    next_attempt_at bigint,
    delivered_at bigint,
    created_at   bigint       not null,
    constraint webhook_delivery_uq unique (webhook_id, alert_id)
);
create index webhook_delivery_webhook_ix on webhook_delivery (webhook_id, created_at);

-- The delivery log: one row per attempt.
create table webhook_attempt (
    delivery_id  bigint       not null,
    attempt      int          not null,
    at           bigint       not null,
    status_code  int,
    error        varchar(500),
    duration_ms  bigint       not null,
    constraint webhook_attempt_pk primary key (delivery_id, attempt)
);

create table csat (
    token           varchar(64)   primary key,
    conversation_id bigint        not null,
    resolved_at     bigint        not null,
    sent_at         bigint,
    rating          int,
    comment         varchar(2000),
    answered_at     bigint,
    agent_id        bigint,
    constraint csat_resolution_uq unique (conversation_id, resolved_at)
);
create index csat_answered_ix on csat (answered_at);
