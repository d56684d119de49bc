-- The audit trail (issue 10): every change a person makes through the API or the desk, who made it and when.
-- Written after the change answered 2xx; the request's body is not kept (it may hold a password or a secret).
create table audit_event (
    id          bigint       primary key,
    at          bigint       not null,
    agent_id    bigint,
    agent_email varchar(320),
    method      varchar(8)   not null,
    path        varchar(500) not null,
    status      int          not null,
    address     varchar(64)
);
