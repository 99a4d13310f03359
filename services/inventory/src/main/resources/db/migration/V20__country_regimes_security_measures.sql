-- Issue 17: what Art. 23 and 28 ask the company to know and keep, beside the policy's promises.

-- The personal-information regime of each foreign country data is stored in or sent to (外的環境の把握; the information
-- Art. 28(2) and PPC Rules Art. 17 require to give a person consenting to a provision abroad), as the DPO recorded it
-- and when it was last checked.
create table country_regime (
    country    text primary key check (country ~ '^[A-Z]{2}$'),
    regime     text        not null,
    source     text,
    checked_on date        not null,
    updated_at timestamptz not null,
    updated_by text        not null
);

-- The security-control measures (安全管理措置, Art. 23; published per Art. 32(1)(iv)) the company takes, by kind, and
-- the systems each protects (technical and physical measures are per system; the others apply to the whole company).
create table security_measure (
    id          text primary key,
    kind        text        not null check (kind in ('BASIC_POLICY', 'RULES', 'ORGANIZATIONAL', 'HUMAN', 'PHYSICAL',
                                                     'TECHNICAL', 'EXTERNAL_ENVIRONMENT')),
    description text        not null,
    systems     text[]      not null default '{}',
    updated_at  timestamptz not null,
    updated_by  text        not null
);
