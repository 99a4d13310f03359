-- Indexes fitted to how the ledger looks things up (docs/ledger.md, benchmark).

-- A data subject's records are only ever looked up by equality of their pseudonym (disclosure, exports by
-- subject). A hash index holds a 4-byte hash per record instead of the 64-character pseudonym: a fraction of
-- the B-tree's size, so that appending to a ledger of tens of millions of records does not wait on index
-- pages read back from disk at random.
drop index ledger_record_by_subject;
create index ledger_record_by_subject on ledger_record using hash (subject_pseudonym);

-- Event ids are only compared for equality (the idempotency log): byte order instead of the database's
-- language rules, which every insert and duplicate check of the log otherwise pays for.
alter table occurrence alter column event_id type text collate "C";
