-- Canned responses: reusable reply texts with placeholders, for every team or for one.
create table canned_response (
    id          bigint        primary key,
    title       varchar(200)  not null,
    body        varchar(5000) not null,
    team_id     bigint,
    created_by  bigint,
    created_at  bigint        not null,
    updated_at  bigint        not null
);
create index canned_response_team_ix on canned_response (team_id);
