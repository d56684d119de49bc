-- Channels, part 5 (issue 12): the email channel. Each stored mail's raw bytes, by the account it came in on and its
-- external id (its Message-ID, or a hash of the bytes), for agents to read the original and download attachments.
-- size is the mail's size as received; whole is false when it was larger than earshot.email.max-stored-size and only
-- its headers were kept.
create table email_original (
    account_id  bigint        not null,
    external_id varchar(200)  not null,
    raw         bytea         not null,
    size        bigint        not null,
    whole       boolean       not null,
    received_at bigint        not null,
    primary key (account_id, external_id)
);
