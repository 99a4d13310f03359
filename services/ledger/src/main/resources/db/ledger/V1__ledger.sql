-- The Art. 29/30 ledger. Runs as the schema's owner (spring.flyway.user); the service itself works under
-- daicho_ledger_writer, which may read and append but never change or remove a record, and the purge job
-- under daicho_ledger_purger, which may remove records and leave purge marks (docs/ledger.md).

-- Pipelines as registered in the inventory (PipelineRegistered): what an occurrence is checked against.
create table known_pipeline (
    id                       text primary key,
    name                     text        not null,
    legal_basis              text        not null,
    legal_exception_item     text,
    record_mode              text,
    country                  text        not null,
    cross_border_basis       text,
    recipient_name           text,
    recipient_kind           text,
    recipient_address        text,
    recipient_representative text,
    recipient_country        text,
    data_items               text[]      not null default '{}',
    registered_at            timestamptz not null
);

-- Every accepted occurrence once (the idempotency log), with what became of it: recorded, or exempt and
-- why. No personal value: the data subject is only in the record, encrypted.
create table occurrence (
    event_id    text primary key,
    direction   text        not null,
    pipeline_id text,
    legal_basis text        not null,
    occurred_at timestamptz not null,
    outcome     text        not null check (outcome in ('RECORDED', 'EXEMPT')),
    explanation text        not null,
    record_seq  bigint,
    accepted_at timestamptz not null default now()
);
create index occurrence_by_time on occurrence (occurred_at);

-- Occurrences refused (unknown pipeline, basis not allowed, missing statutory items...): counted for the
-- DPO; the same event id may come again once fixed.
create table rejection (
    id          bigserial primary key,
    event_id    text,
    pipeline_id text,
    rule        text        not null,
    reason      text        not null,
    rejected_at timestamptz not null default now()
);

-- The statutory records, hash-chained in seq order: hash = SHA-256(prev_hash, the record's fields).
create table ledger_record (
    seq                         bigint primary key,
    kind                        text        not null check (kind in ('PROVISION', 'RECEIPT')),
    event_id                    text        not null, -- once: the occurrence table is the idempotency log
    pipeline_id                 text,
    legal_basis                 text        not null,
    record_mode                 text        not null check (record_mode in ('EACH_TIME', 'BATCH', 'CONTRACT_SUBSTITUTE')),
    occurred_at                 timestamptz not null,
    counterparty_name           text        not null,
    counterparty_address        text,
    counterparty_representative text,
    counterparty_country        text        not null,
    data_items                  text        not null,
    consent_reference           text,
    acquisition                 text,
    opt_out_published           boolean,
    subject_item_names          text        not null,
    subject_pseudonym           text        not null,
    subject_cipher              text        not null,
    key_id                      text        not null,
    retention_group             text,
    retention_years             int         not null,
    recorded_at                 timestamptz not null,
    prev_hash                   text        not null,
    hash                        text        not null
);
create index ledger_record_by_time on ledger_record (occurred_at);
create index ledger_record_by_subject on ledger_record (subject_pseudonym);
create index ledger_record_by_group on ledger_record (retention_group, occurred_at) where retention_group is not null;

-- What a purge removed: each run of consecutive records leaves the hash of its last record, so that the
-- chain stays verifiable across the gap, and the latest retention deadline of what it removed.
create table purge_mark (
    first_seq       bigint primary key,
    last_seq        bigint      not null,
    last_hash       text        not null,
    latest_deadline timestamptz not null,
    purge_id        bigint      not null,
    purged_at       timestamptz not null
);

create table purge_run (
    id        bigserial primary key,
    run_at    timestamptz not null,
    run_by    text        not null,
    removed   bigint      not null,
    report    text        not null
);

-- The chain's hash at points (every N records, and after each purge), also published on Kafka.
create table ledger_checkpoint (
    id         bigserial primary key,
    seq        bigint      not null,
    hash       text        not null,
    reason     text        not null,
    created_at timestamptz not null
);

-- Every export, who asked, for what (the data subject only as its pseudonym), and its digest.
create table export_log (
    id           bigserial primary key,
    exported_by  text        not null,
    started_at   timestamptz not null,
    kind         text        not null,
    format       text        not null,
    filter       text        not null
);
create table export_completed (
    export_id    bigint primary key references export_log (id),
    completed_at timestamptz not null,
    rows         bigint      not null,
    sha256       text        not null
);

-- Each verification of the chain and what it found.
create table verification_run (
    id          bigserial primary key,
    run_at      timestamptz not null,
    run_by      text        not null,
    records     bigint      not null,
    problems    bigint      not null,
    head_seq    bigint,
    head_hash   text,
    millis      bigint      not null
);

-- Append-only, whoever asks: no update of a record, no truncation; removal only by the purge role.
create function ledger_refuse_change() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and current_user = 'daicho_ledger_purger' then
        return old;
    end if;
    raise exception 'the ledger is append-only: % of % refused (records are removed only by the purge job, after their retention deadline)',
        tg_op, tg_table_name using errcode = 'insufficient_privilege';
end $$;
create trigger ledger_record_append_only before update or delete on ledger_record
    for each row execute function ledger_refuse_change();
create trigger ledger_record_no_truncate before truncate on ledger_record
    for each statement execute function ledger_refuse_change();
create trigger purge_mark_append_only before update or delete on purge_mark
    for each row execute function ledger_refuse_change();
create trigger checkpoint_append_only before update or delete on ledger_checkpoint
    for each row execute function ledger_refuse_change();
create trigger export_log_append_only before update or delete on export_log
    for each row execute function ledger_refuse_change();

do $$
begin
    if not exists (select from pg_roles where rolname = 'daicho_ledger_writer') then
        create role daicho_ledger_writer nologin;
    end if;
    if not exists (select from pg_roles where rolname = 'daicho_ledger_purger') then
        create role daicho_ledger_purger nologin;
    end if;
end $$;

grant usage on schema ${flyway:defaultSchema} to daicho_ledger_writer, daicho_ledger_purger;
grant select, insert on occurrence, rejection, ledger_record, ledger_checkpoint, export_log, export_completed,
    verification_run to daicho_ledger_writer;
grant select on purge_mark, purge_run to daicho_ledger_writer;
grant select, insert, update on known_pipeline to daicho_ledger_writer;
grant usage on sequence rejection_id_seq, ledger_checkpoint_id_seq, export_log_id_seq, verification_run_id_seq to daicho_ledger_writer;
grant select, delete on ledger_record to daicho_ledger_purger;
grant select, insert on purge_mark, purge_run, ledger_checkpoint to daicho_ledger_purger;
grant usage on sequence purge_run_id_seq, ledger_checkpoint_id_seq to daicho_ledger_purger;
