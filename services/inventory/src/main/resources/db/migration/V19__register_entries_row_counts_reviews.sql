-- Issue 17: the 個人情報管理台帳 as JIS Q 15001 (A.3.3.1) and Japanese auditors expect it.

-- How many rows each captured table holds, as its source's catalog statistics estimate it (SourceCatalogRead.rows):
-- one row per change, so that the 台帳 as of a past day counts as it counted then. A count, never a value.
create table dataset_rows (
    dataset_id text        not null,
    read_at    timestamptz not null,
    rows       bigint,
    primary key (dataset_id, read_at)
);

-- What cannot be observed, as the DPO records it per dataset: how the data is acquired, how many persons it is about
-- (when rows are not persons), the storage medium and place, the period of use, retention and disposal, the manager in
-- charge, and who has access (recorded, never inferred).
create table register_entry (
    dataset_id         text primary key,
    acquisition_method text,
    persons            bigint check (persons >= 0),
    storage_medium     text,
    storage_place      text,
    use_period         text,
    retention          text,
    disposal_method    text,
    manager            text,
    access             text[]      not null default '{}',
    updated_at         timestamptz not null,
    updated_by         text        not null
);

create table register_entry_version (
    dataset_id         text        not null,
    acquisition_method text,
    persons            bigint,
    storage_medium     text,
    storage_place      text,
    use_period         text,
    retention          text,
    disposal_method    text,
    manager            text,
    access             text[]      not null,
    changed_by         text        not null,
    valid_from         timestamptz not null,
    valid_to           timestamptz,
    primary key (dataset_id, valid_from)
);

create function register_entry_versioned() returns trigger language plpgsql as $$
begin
    update register_entry_version set valid_to = new.updated_at where dataset_id = new.dataset_id and valid_to is null;
    insert into register_entry_version (dataset_id, acquisition_method, persons, storage_medium, storage_place, use_period,
                                        retention, disposal_method, manager, access, changed_by, valid_from)
    values (new.dataset_id, new.acquisition_method, new.persons, new.storage_medium, new.storage_place, new.use_period,
            new.retention, new.disposal_method, new.manager, new.access, new.updated_by, new.updated_at)
    on conflict (dataset_id, valid_from) do update set acquisition_method = excluded.acquisition_method,
        persons = excluded.persons, storage_medium = excluded.storage_medium, storage_place = excluded.storage_place,
        use_period = excluded.use_period, retention = excluded.retention, disposal_method = excluded.disposal_method,
        manager = excluded.manager, access = excluded.access, changed_by = excluded.changed_by, valid_to = null;
    return null;
end;
$$;
create trigger register_entry_history after insert or update on register_entry
    for each row execute function register_entry_versioned();

-- The annual review of the 台帳 (JIS Q 15001: at least once a year): who reviewed it, when, their note, and what had
-- changed since the review before, as Daichō counted it.
create table register_review (
    id          bigserial primary key,
    reviewed_at timestamptz not null,
    reviewed_by text        not null,
    note        text,
    changes     text        not null
);
