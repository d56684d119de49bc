-- A recurring promise ("we'll update you every 2 hours until it's fixed"): each one settled makes the next,
-- due this long after, until the conversation is resolved. Null for a one-off promise.
alter table commitment add column cadence_seconds bigint;
