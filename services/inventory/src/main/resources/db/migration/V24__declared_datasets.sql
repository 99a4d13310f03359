-- Issue 19 §2: datasets that are not in a captured database — web and app tags, SaaS, files — declared by a manifest
-- naming the items they carry, so that pipelines can start from them and the inventory can tell personal information
-- from personally-related information (個人関連情報) in them. The dataset itself, its fields and their classification
-- live where captured ones do (dataset, field, field_classification); this is what the declaration adds.
create table declared_dataset (
    id          text primary key references dataset (id),
    kind        text        not null check (kind in ('WEB_TAG', 'APP_SDK', 'SAAS', 'FILE')),
    name        text        not null,
    linked_to   text,                  -- the dataset the company links these items to (making them personal data)
    manifest    text        not null,
    declared_by text        not null,
    declared_at timestamptz not null
);
