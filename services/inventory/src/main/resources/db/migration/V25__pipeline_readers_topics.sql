-- Issue 19 §1: the readers a pipeline names (readers:) and the topics it writes to (topics:), kept beside its purposes
-- and fields when it is registered or changed, so that matching what is observed is a query, not a reading of every
-- manifest. Both keys are new with them: no manifest registered before holds either.
create table pipeline_reader (
    pipeline_id text not null references pipeline (id) on delete cascade,
    reader      text not null,            -- consumer_group:<id>, replication_slot:<name>, …
    primary key (pipeline_id, reader)
);
create index pipeline_reader_by_reader on pipeline_reader (reader);

create table pipeline_topic (
    pipeline_id text not null references pipeline (id) on delete cascade,
    topic       text not null,
    primary key (pipeline_id, topic)
);
create index pipeline_topic_by_topic on pipeline_topic (topic);

-- A consumer group's topics are matched to datasets by their change-event topic at every observation.
create index dataset_by_source_topic on dataset (source_topic);
