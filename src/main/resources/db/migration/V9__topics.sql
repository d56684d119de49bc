-- Topics: tracked subjects (brand, product, campaign) defined by a query over message text.
create table topic (
    id          bigint       primary key,
    name        varchar(200) not null,
    query       varchar(1000) not null,
    created_at  bigint       not null
);
