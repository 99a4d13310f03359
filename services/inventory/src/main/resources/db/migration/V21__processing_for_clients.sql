-- Issue 17: a dataset the company holds on behalf of a client (the company as processor, 受託者: seeds 003 and 004): who
-- entrusted it, on which instructions, what happens at the end (returned or deleted), under which contract and until
-- when. Pipelines may not combine it with the company's own data nor provide it onwards; its end is watched.
create table processing_for (
    dataset_id         text primary key,
    entruster          text        not null references party (id),
    instructions       text        not null,
    at_end             text        not null check (at_end in ('RETURN', 'DELETE')),
    contract_reference text,
    ends_on            date,
    updated_at         timestamptz not null,
    updated_by         text        not null
);
