-- Issue 13: how capture is doing with each source database, as it last reported (SourceStatusReported).
create table source_status (
    source          text primary key,
    kind            text not null,
    endpoint        text not null,
    state           text not null,
    problem         text,
    tables          integer not null,
    catalog_read_at timestamptz,
    last_change_at  timestamptz,
    reported_at     timestamptz not null
);
