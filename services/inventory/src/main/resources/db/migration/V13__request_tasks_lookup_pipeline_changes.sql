-- Issue 18, acting on a request.
-- The engineers who answer for a system (their sign-in names): they see the request tasks of their systems, and only those.
alter table system add column engineers text[] not null default '{}';

-- What a correction or an erasure/suspension (利用停止・消去) asks of each place holding the person's data: a system
-- of ours holding it (its datasets), or a system or recipient it flowed to by a registered pipeline (contractors, joint
-- users, our own downstream systems). The DPO — or an engineer of that system — records each as done.
create table subject_request_task (
    request_id    text        not null references subject_request (id),
    number        int         not null,
    target_kind   text        not null check (target_kind in ('SYSTEM', 'PARTY')),
    target        text        not null,              -- a system's name or a party's id
    action        text        not null check (action in ('CORRECT', 'ERASE_OR_SUSPEND')),
    datasets      text[]      not null default '{}', -- where the person's data is there (captured datasets)
    lookup_fields text[]      not null default '{}', -- the fields to find them by
    pipelines     text[]      not null default '{}', -- for a downstream place: the pipelines that carried the data there
    status        text        not null default 'OPEN' check (status in ('OPEN', 'DONE')),
    done_by       text,
    done_at       timestamptz,
    done_note     text,
    created_at    timestamptz not null,
    created_by    text        not null,
    primary key (request_id, number),
    unique (request_id, target_kind, target)
);
create index subject_request_task_open on subject_request_task (target) where status = 'OPEN';

-- The DPO's permission, per request, for a live lookup of the person's rows in the captured databases.
alter table subject_request add column lookup_permitted_by text;
alter table subject_request add column lookup_permitted_at timestamptz;

-- A registered pipeline can change (a manifest with the same id); the history keeps each change.
alter table pipeline add column changed_at timestamptz;
alter table pipeline add column changed_by text;
alter table pipeline_history drop constraint pipeline_history_action_check;
alter table pipeline_history add constraint pipeline_history_action_check
    check (action in ('REGISTERED', 'CHANGED', 'RETIRED'));
