-- Issue 18: the register of data subjects' requests (開示等の請求, APPI Art. 32–39). Nothing identifying the person is
-- kept in clear: the keyed pseudonym the ledger finds their records by, and their key and items sealed (AES-256-GCM)
-- with the ledger's keys, opened only for the DPO who answers.
create sequence subject_request_number;

create table subject_request (
    id                  text primary key,                 -- DSR-<year received>-<number>
    kind                text        not null check (kind in ('PURPOSE_NOTICE', 'DISCLOSURE', 'PROVISION_RECORDS',
                                                             'CORRECTION', 'SUSPENSION', 'STOP_PROVISION')),
    category            text        not null,             -- the policy's category of data subject
    received_on         date        not null,
    channel             text        not null,
    subject_pseudonym   text        not null,
    subject_sealed      text        not null,
    subject_key_id      text        not null,
    policy_version      text        not null,             -- whose target days set due_on
    due_on              date        not null,
    fee_yen             int,
    answer_format       text check (answer_format in ('ELECTRONIC', 'PAPER', 'AS_THE_COMPANY_SPECIFIES')),
    status              text        not null check (status in ('RECEIVED', 'IDENTITY_CHECKED', 'ANSWERED',
                                                               'PARTLY_ANSWERED', 'REFUSED', 'WITHDRAWN')),
    identity_method     text,                             -- how, never a copy of the document
    identity_checked_by text,
    identity_checked_at timestamptz,
    grounds             text[]      not null default '{}',
    outcome_note        text,
    answered_on         date,
    notified_on         date,                             -- the notice of the outcome to the person
    created_at          timestamptz not null,
    created_by          text        not null,
    updated_at          timestamptz not null,
    updated_by          text        not null
);
create index subject_request_open on subject_request (due_on) where status in ('RECEIVED', 'IDENTITY_CHECKED');
create index subject_request_by_received on subject_request (received_on);
create index subject_request_by_pseudonym on subject_request (subject_pseudonym);

-- What was done to a request, by whom and when.
create table subject_request_history (
    request_id text        not null references subject_request (id),
    at         timestamptz not null,
    by         text        not null,
    action     text        not null,
    detail     text
);
create index subject_request_history_of on subject_request_history (request_id, at);

-- Every view of a request: who saw whose request, when, and how (one, list, export, the sealed items, the plan).
create table subject_request_view (
    request_id text        not null references subject_request (id),
    viewed_by  text        not null,
    viewed_at  timestamptz not null,
    view       text        not null
);
create index subject_request_view_of on subject_request_view (request_id, viewed_at);
