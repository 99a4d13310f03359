-- The ledger's own events (ViolationRaised for refused occurrences, LedgerCheckpointed anchors) are written here in
-- the transaction of the records they report, and relayed to Kafka after it commits (jp.daicho.outbox.Outbox): an
-- anchor is never published for records rolled back, and never lost when Kafka is away at the commit.
create table outbox (
    id         bigserial primary key,
    topic      text        not null,
    key        text,
    value      bytea       not null,
    created_at timestamptz not null default now()
);
grant select, insert, delete on outbox to daicho_ledger_writer, daicho_ledger_purger;
grant usage on sequence outbox_id_seq to daicho_ledger_writer, daicho_ledger_purger;
