-- The inventory of captured datasets, their schema versions, fields and classifications.
-- Holds names, types and decisions only: never a value from a source row.

create table dataset (
    id             text primary key,           -- <system>.<schema or database>.<table>
    system_name    text        not null,       -- Debezium topic prefix / logical source name
    database_name  text,
    schema_name    text,
    table_name     text        not null,
    source_topic   text        not null,
    current_version int        not null,
    first_seen_at  timestamptz not null,
    last_seen_at   timestamptz not null
);

create table dataset_version (
    dataset_id   text        not null references dataset (id),
    version      int         not null,
    fingerprint  text        not null,
    column_count int         not null,
    observed_at  timestamptz not null,
    primary key (dataset_id, version),
    unique (dataset_id, fingerprint)
);

create table field (
    dataset_id    text    not null references dataset (id),
    name          text    not null,
    position      int     not null,
    sql_type      text    not null,
    optional      boolean not null,
    primary_key   boolean not null,
    since_version int     not null,            -- first schema version with this column
    present       boolean not null,            -- in the current schema version
    primary key (dataset_id, name)
);

create table field_classification (
    dataset_id         text             not null,
    field_name         text             not null,
    item               text             not null,
    subject            text             not null,
    sensitive          boolean          not null,
    confidence         double precision not null check (confidence between 0 and 1),
    evidence           text[]           not null,
    sample_count       int              not null,
    schema_fingerprint text             not null,
    classifier_version text             not null,
    classified_at      timestamptz      not null,
    review_state       text             not null default 'AUTO' check (review_state in ('AUTO', 'CONFIRMED', 'OVERRIDDEN')),
    primary key (dataset_id, field_name)
);

create index field_classification_item on field_classification (item);
create index field_classification_sensitive on field_classification (dataset_id) where sensitive;
