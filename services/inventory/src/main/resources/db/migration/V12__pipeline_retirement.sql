-- Issue 18: a pipeline can be retired (a stop of provision, a contract ended): it stays on record with who retired it,
-- when, why and for which request, but no longer flows, is checked or counted in the 台帳; the ledger refuses its
-- occurrences from then on. Every registration and retirement is kept in its history.
alter table pipeline add column retired_at timestamptz;
alter table pipeline add column retired_by text;
alter table pipeline add column retirement_reason text;
alter table pipeline add column retired_for_request text;

create table pipeline_history (
    pipeline_id text        not null references pipeline (id) on delete cascade,
    at          timestamptz not null,
    by          text        not null,
    action      text        not null check (action in ('REGISTERED', 'RETIRED')),
    detail      text
);
create index pipeline_history_of on pipeline_history (pipeline_id, at);
insert into pipeline_history (pipeline_id, at, by, action, detail)
select id, registered_at, registered_by, 'REGISTERED', null from pipeline;
