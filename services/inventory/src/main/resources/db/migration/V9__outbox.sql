-- The inventory's own events (PipelineRegistered, ViolationRaised, ClassificationReviewed) are written here in the
-- transaction that makes them true, and relayed to Kafka after it commits (`jp.daicho.outbox.Outbox`, services/outbox): an event is published
-- exactly when its change is stored, never for a change rolled back, and not lost if Kafka is away for a while.
create table outbox (
    id         bigserial primary key,
    topic      text        not null,
    key        text,
    value      bytea       not null,
    created_at timestamptz not null default now()
);
