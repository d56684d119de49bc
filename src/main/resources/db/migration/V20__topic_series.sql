-- Listening: topics are matched at ingest; what matched and the series are stored as messages arrive.
alter table topic add column updated_at bigint not null default 0;
update topic set updated_at = created_at;

-- One row per message a topic matched (topic 0 is not used here); the recent matches and the inbox's topic filter.
create table topic_match (
    topic_id        bigint not null,
    message_id      bigint not null,
    conversation_id bigint not null,
    created_at      bigint not null,
    constraint topic_match_pk primary key (topic_id, message_id)
);
create index topic_match_recent_ix on topic_match (topic_id, created_at desc);

-- Per topic (0 = every inbound message) and bucket size (1 min, 5 min, 1 h, 1 d, in ms): what was heard.
-- authors is a 256-register HyperLogLog sketch of the authors' ids.
create table topic_series (
    topic_id    bigint not null,
    bucket_ms   bigint not null,
    start_at    bigint not null,
    volume      bigint not null,
    negative    bigint not null,
    positive    bigint not null,
    complaints  bigint not null,
    reach       bigint not null,
    authors     bytea  not null,
    constraint topic_series_pk primary key (topic_id, bucket_ms, start_at)
);

-- Merging two author sketches: the larger of each register.
create function author_sketch_union(a bytea, b bytea) returns bytea
language plpgsql immutable strict as $$
declare
    r bytea := a;
begin
    if length(a) <> length(b) then
        return b;
    end if;
    for i in 0 .. length(b) - 1 loop
        if get_byte(b, i) > get_byte(r, i) then
            r := set_byte(r, i, get_byte(b, i));
        end if;
    end loop;
    return r;
end
$$;
