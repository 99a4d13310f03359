-- Issue 17: history for everything the flows, the entrustment list, the cross-border list and the 台帳 are built from,
-- so that each can be answered as of a past moment (asOf=): every version of a party, a system and a pipeline, with
-- the period it stood ([valid_from, valid_to); valid_to null: still so). A retired pipeline's last version ends when it
-- was retired. Rows written before this migration start their history at their last update or registration: what they
-- were before that was not kept.

create table party_version (
    id                 text        not null,
    kind               text        not null,
    name               text        not null,
    address            text,
    representative     text,
    country            text        not null,
    contract_reference text,
    last_supervised_on date,
    changed_by         text        not null,
    valid_from         timestamptz not null,
    valid_to           timestamptz,
    primary key (id, valid_from)
);

create table system_version (
    name             text        not null,
    kind             text        not null,
    owner_department text        not null,
    hosting_country  text        not null,
    operated_by      text        not null,
    contractor       text,
    changed_by       text        not null,
    valid_from       timestamptz not null,
    valid_to         timestamptz,
    primary key (name, valid_from)
);

-- Kept by the database itself, whichever way a row is written: the version that stood is closed, the new one opens.
create function party_versioned() returns trigger language plpgsql as $$
begin
    update party_version set valid_to = new.updated_at where id = new.id and valid_to is null;
    insert into party_version (id, kind, name, address, representative, country, contract_reference, last_supervised_on,
                               changed_by, valid_from)
    values (new.id, new.kind, new.name, new.address, new.representative, new.country, new.contract_reference,
            new.last_supervised_on, new.updated_by, new.updated_at)
    on conflict (id, valid_from) do update set kind = excluded.kind, name = excluded.name, address = excluded.address,
        representative = excluded.representative, country = excluded.country,
        contract_reference = excluded.contract_reference, last_supervised_on = excluded.last_supervised_on,
        changed_by = excluded.changed_by, valid_to = null;
    return null;
end;
$$;
create trigger party_history after insert or update on party for each row execute function party_versioned();

create function system_versioned() returns trigger language plpgsql as $$
begin
    update system_version set valid_to = new.updated_at where name = new.name and valid_to is null;
    insert into system_version (name, kind, owner_department, hosting_country, operated_by, contractor, changed_by, valid_from)
    values (new.name, new.kind, new.owner_department, new.hosting_country, new.operated_by, new.contractor, new.updated_by,
            new.updated_at)
    on conflict (name, valid_from) do update set kind = excluded.kind, owner_department = excluded.owner_department,
        hosting_country = excluded.hosting_country, operated_by = excluded.operated_by, contractor = excluded.contractor,
        changed_by = excluded.changed_by, valid_to = null;
    return null;
end;
$$;
create trigger system_history after insert or update on system for each row execute function system_versioned();

insert into party_version (id, kind, name, address, representative, country, contract_reference, last_supervised_on,
                           changed_by, valid_from)
select id, kind, name, address, representative, country, contract_reference, last_supervised_on, updated_by, updated_at
from party;
insert into system_version (name, kind, owner_department, hosting_country, operated_by, contractor, changed_by, valid_from)
select name, kind, owner_department, hosting_country, operated_by, contractor, updated_by, updated_at from system;

-- A pipeline's terms as each registration or change set them: destination, basis, what it reads and for which purposes.
create table pipeline_version (
    pipeline_id          text        not null references pipeline (id) on delete cascade,
    version              int         not null,
    name                 text        not null,
    destination_system   text,
    destination_party    text,
    legal_basis          text        not null,
    legal_exception_item text,
    cross_border_basis   text,
    record_mode          text,
    joint_use            text,
    manifest             text        not null,
    changed_by           text        not null,
    valid_from           timestamptz not null,
    valid_to             timestamptz,
    primary key (pipeline_id, version)
);
create index pipeline_version_at on pipeline_version (valid_from, valid_to);

create table pipeline_version_field (
    pipeline_id text not null,
    version     int  not null,
    dataset_id  text not null,
    field_name  text not null,
    primary key (pipeline_id, version, dataset_id, field_name),
    foreign key (pipeline_id, version) references pipeline_version (pipeline_id, version) on delete cascade
);
create index pipeline_version_field_by_dataset on pipeline_version_field (dataset_id);

create table pipeline_version_purpose (
    pipeline_id text not null,
    version     int  not null,
    category    text not null,
    purpose     text not null,
    primary key (pipeline_id, version, category, purpose),
    foreign key (pipeline_id, version) references pipeline_version (pipeline_id, version) on delete cascade
);

insert into pipeline_version (pipeline_id, version, name, destination_system, destination_party, legal_basis,
                              legal_exception_item, cross_border_basis, record_mode, joint_use, manifest, changed_by,
                              valid_from, valid_to)
select id, 1, name, destination_system, destination_party, legal_basis, legal_exception_item, cross_border_basis,
       record_mode, joint_use, manifest, coalesce(changed_by, registered_by), coalesce(changed_at, registered_at), retired_at
from pipeline;
insert into pipeline_version_field (pipeline_id, version, dataset_id, field_name)
select pipeline_id, 1, dataset_id, field_name from pipeline_field;
insert into pipeline_version_purpose (pipeline_id, version, category, purpose)
select pipeline_id, 1, category, purpose from pipeline_purpose;

-- A pipeline's country is its destination's: the party's, or the hosting country of the system it goes to, read from
-- them as they stand (or stood), never copied into the pipeline.
alter table pipeline drop column country;

-- The flow graph carries each pipeline's country: a party or system changing touches the pipelines going there.
create function flow_graph_party_changed() returns trigger language plpgsql as $$
begin
    insert into flow_graph_change (pipeline_id)
    select p.id from pipeline p
    where p.destination_party in (select id from changed)
       or p.destination_system in (select s.name from system s where s.contractor in (select id from changed));
    return null;
end;
$$;
create trigger party_changes_flow_graph after update on party
    referencing new table as changed for each statement execute function flow_graph_party_changed();

create function flow_graph_system_changed() returns trigger language plpgsql as $$
begin
    insert into flow_graph_change (pipeline_id)
    select p.id from pipeline p where p.destination_system in (select name from changed);
    return null;
end;
$$;
create trigger system_changes_flow_graph after update on system
    referencing new table as changed for each statement execute function flow_graph_system_changed();
