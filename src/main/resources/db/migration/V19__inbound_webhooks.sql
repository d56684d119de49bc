-- Channels, part 7 (issue 12): signed inbound webhooks. Every delivery a webhook source accepted, by the id its sender
-- gave it (X-Earshot-Delivery), written in the transaction that stores the delivery's messages: a replay finds it and
-- stores nothing, and a crash cannot keep the messages without the id or the id without the messages. Rows older than
-- earshot.channels.webhook.keep-deliveries are pruned (a replay that old is refused by its timestamp anyway).
create table inbound_delivery (
    account_id  bigint       not null references channel_account (id) on delete cascade,
    delivery_id varchar(200) not null,
    received_at bigint       not null,
    primary key (account_id, delivery_id)
);

create index inbound_delivery_received_idx on inbound_delivery (account_id, received_at);
