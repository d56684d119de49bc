-- Crisis mode (issue 13, item 6): a lead pins an open incident. While its crisis is on, the incident's conversations
-- rank before every other, a banner on every desk page shows it, and automatic messages (CSAT surveys) wait for its
-- end. At most one crisis is on at a time across the desk (a unique partial index), so two leads starting one at
-- once, on one instance or two, cannot both succeed. Ended crises stay: who started and who ended each, and when.
create table crisis (
    id          bigint        primary key,
    incident_id bigint        not null references incident (id) on delete cascade,
    team_id     bigint,
    started_at  bigint        not null,
    started_by  varchar(200)  not null,
    ended_at    bigint,
    ended_by    varchar(200)
);

create unique index crisis_on_idx on crisis ((true)) where ended_at is null;
create index crisis_incident_idx on crisis (incident_id, started_at desc);
