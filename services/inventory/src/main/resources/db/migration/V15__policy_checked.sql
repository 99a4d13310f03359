-- Issue 17: the policy version the pipelines were last checked against. When another version comes into force (on its
-- effective date, not when it was loaded), every active pipeline is checked again against it.
create table policy_checked (
    id         int         primary key default 1 check (id = 1),
    version    text        not null,
    checked_at timestamptz not null
);
