-- Spike detection: each topic's sensitivity, and what its detectors have learned (topic 0: every inbound message).
alter table topic add column sensitivity varchar(8) not null default 'normal';

create table spike_watch (
    topic_id     bigint      not null,
    series       varchar(16) not null,
    next_bucket  bigint      not null,
    state        text,
    constraint spike_watch_pk primary key (topic_id, series)
);
