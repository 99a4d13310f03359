-- Issue 18: a data subject whose request to stop provision to third parties (APPI Art. 35(3)/(5)) the company
-- answered: from then on no provision of their data on consent or by opt-out is recorded — it is refused with the
-- request that stopped it. Told by the inventory's SubjectRequestChanged; the person named only by the pseudonym.
create table provision_stop (
    request_id        text primary key,
    subject_pseudonym text        not null,
    since             timestamptz not null
);
create index provision_stop_by_subject on provision_stop (subject_pseudonym);
grant select, insert on provision_stop to daicho_ledger_writer;
