-- Issue 19 §1: who reads personal data, observed (Kafka consumer groups; replication slots, binary-log clients and
-- database roles of captured sources), matched to the pipelines that name them. A reader no pipeline names raises an
-- `unregistered-flow` violation per dataset it can see: a violation of no pipeline, naming the reader instead.
alter table violation alter column pipeline_id drop not null;
alter table violation add column reader text;          -- consumer_group:<id>, replication_slot:<name>, …
alter table violation add constraint violation_of_something check (pipeline_id is not null or reader is not null);

-- One open violation per pipeline, field and rule (pipelines), and per reader, dataset and rule (readers).
drop index violation_open_once;
create unique index violation_open_once on violation (pipeline_id, dataset_id, field_name, rule) nulls not distinct
    where resolved_at is null and reader is null;
create unique index violation_reader_open_once on violation (reader, dataset_id, rule)
    where resolved_at is null and reader is not null;

-- What was seen reading, and where: `source` is 'kafka' or the captured source that reported it. Replaced whole by
-- each observation of that source; a reader gone is deleted (its violations resolve).
create table observed_reader (
    kind          text        not null,
    name          text        not null,
    source        text        not null,
    reads         text[]      not null,   -- topics (by_topic) or dataset ids it can read; which hold personal data is
    by_topic      boolean     not null,   -- judged at each reconciliation, as classifications change
    detail        text,                   -- what it reads: topics, a slot's plugin, the tables granted
    first_seen_at timestamptz not null,
    last_seen_at  timestamptz not null,
    primary key (kind, name, source)
);

-- Readers the DPO accepted as the company's internal use, with the reason: no violation while accepted.
create table accepted_reader (
    kind        text        not null,
    name        text        not null,
    reason      text        not null,
    accepted_by text        not null,
    accepted_at timestamptz not null,
    primary key (kind, name)
);
