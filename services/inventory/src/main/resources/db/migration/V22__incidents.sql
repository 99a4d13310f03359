-- Issue 19 §3: incidents (漏えい等事案, APPI Art. 26; Rules 7–10). What the DPO records of a leak, loss or damage of
-- personal data: the systems or datasets affected, the time window, the cause and what was done. What the report says
-- beyond that (the items, the number of persons, whether it must be reported, the deadlines, the recipients the data
-- went to) is drafted from the inventory when asked, never copied here. No value from a source row is ever kept.
create sequence incident_number;

create table incident (
    id                     text primary key,                 -- INC-<year discovered>-<number>
    title                  text        not null,
    kind                   text        not null check (kind in ('LEAK', 'LOSS', 'DAMAGE')),
    discovered_on          date        not null,              -- the day the company knew (知った日): deadlines count from it
    occurred_from          timestamptz,
    occurred_to            timestamptz,
    systems                text[]      not null default '{}', -- every dataset of these systems is affected
    datasets               text[]      not null default '{}',
    cause                  text        not null,
    wrongful_purpose       boolean     not null default false, -- Rule 7(iii): an attack, theft, an insider's taking
    high_level_encryption  boolean     not null default false, -- Rule 7's exception: protected so that no one can read it
    secondary_damage       text,
    response_to_persons    text,
    publication            text,
    recurrence_prevention  text,
    other                  text,
    preliminary_reported_on date,                             -- 速報 sent to the Commission
    final_reported_on      date,                              -- 確報 sent
    persons_notified_on    date,                              -- 本人への通知 (Art. 26(2)) done
    recorded_by            text        not null,
    recorded_at            timestamptz not null,
    updated_by             text        not null,
    updated_at             timestamptz not null,
    check (occurred_from is null or occurred_to is null or occurred_from <= occurred_to),
    check (cardinality(systems) + cardinality(datasets) > 0)
);

create index incident_open on incident (discovered_on) where final_reported_on is null;
