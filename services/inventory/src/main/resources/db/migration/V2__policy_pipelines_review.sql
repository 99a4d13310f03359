-- Policy versions, systems and parties, pipelines, violations, reviews and classification history.
-- Names, decisions and references only: never a value from a source row.

create table policy_version (
    version        text primary key,
    effective_from date        not null,
    document       text        not null,          -- the YAML as loaded
    loaded_at      timestamptz not null,
    loaded_by      text        not null
);

create table party (
    id                 text primary key,
    kind               text not null check (kind in ('INTERNAL', 'CONTRACTOR', 'JOINT_USER', 'THIRD_PARTY', 'PUBLIC_BODY')),
    name               text not null,
    address            text,
    representative     text,
    country            text not null,             -- ISO 3166-1 alpha-2
    contract_reference text,
    last_supervised_on date,
    updated_at         timestamptz not null,
    updated_by         text not null
);

create table system (
    name             text primary key,            -- a captured system's name is its capture source name
    kind             text not null check (kind in ('DATABASE', 'SERVICE', 'SAAS', 'FILE_STORE')),
    owner_department text not null,
    hosting_country  text not null,
    operated_by      text not null check (operated_by in ('US', 'CONTRACTOR')),
    contractor       text references party (id),
    updated_at       timestamptz not null,
    updated_by       text not null
);

create table pipeline (
    id                   text primary key,
    name                 text        not null,
    owner                text        not null,
    manifest             text        not null,    -- the YAML as registered
    destination_system   text references system (name),
    destination_party    text references party (id),
    legal_basis          text        not null,
    legal_exception_item text,
    cross_border_basis   text,
    country              text        not null,
    record_mode          text,
    joint_use            text,
    registered_at        timestamptz not null,
    registered_by        text        not null,
    check ((destination_system is null) <> (destination_party is null))
);

create table pipeline_purpose (
    pipeline_id text not null references pipeline (id) on delete cascade,
    category    text not null,
    purpose     text not null,
    primary key (pipeline_id, category, purpose)
);

create table pipeline_field (
    pipeline_id text not null references pipeline (id) on delete cascade,
    dataset_id  text not null references dataset (id),
    field_name  text not null,
    primary key (pipeline_id, dataset_id, field_name)
);
create index pipeline_field_by_field on pipeline_field (dataset_id, field_name);
create index pipeline_by_destination_system on pipeline (destination_system);

create table violation (
    id          bigserial primary key,
    pipeline_id text not null references pipeline (id) on delete cascade,
    dataset_id  text,
    field_name  text,
    rule        text        not null,
    message     text        not null,
    clause      text        not null,
    raised_at   timestamptz not null,
    resolved_at timestamptz,
    resolved_by text,
    unique (pipeline_id, dataset_id, field_name, rule)
);
create index violation_open on violation (raised_at) where resolved_at is null;

alter table field_classification add column reviewed_by text;
alter table field_classification add column reviewed_at timestamptz;
alter table field_classification add column review_reason text;

-- Every decision a field ever had, with the period it stood: the inventory "as of" any past date.
create table classification_history (
    dataset_id   text             not null,
    field_name   text             not null,
    item         text             not null,
    subject      text             not null,
    sensitive    boolean          not null,
    confidence   double precision not null,
    review_state text             not null,
    decided_by   text             not null,       -- classifier version, or the reviewer
    reason       text,
    valid_from   timestamptz      not null,
    valid_to     timestamptz                      -- null: still the decision
);
create index classification_history_lookup on classification_history (dataset_id, field_name, valid_from);

insert into classification_history (dataset_id, field_name, item, subject, sensitive, confidence, review_state,
                                    decided_by, valid_from)
select dataset_id, field_name, item, subject, sensitive, confidence, review_state, classifier_version, classified_at
from field_classification;
