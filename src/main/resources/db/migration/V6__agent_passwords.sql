-- Agents sign in to the browser desk with an email and a password (hash only), locked for a while after
-- repeated failures.
alter table agent add column password_hash varchar(200);
alter table agent add column failed_logins int not null default 0;
alter table agent add column locked_until bigint;
