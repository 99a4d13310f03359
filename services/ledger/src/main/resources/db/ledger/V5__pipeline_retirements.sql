-- Issue 18: pipelines the DPO retired (PipelineRetired, from the inventory): their occurrences from that moment on are
-- refused (pipeline-retired).
create table pipeline_retirement (
    pipeline_id text primary key,
    since       timestamptz not null,
    reason      text        not null,
    request_id  text
);
grant select, insert on pipeline_retirement to daicho_ledger_writer;
