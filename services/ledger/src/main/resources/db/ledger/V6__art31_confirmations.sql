-- Issue 19 §2: the record of the confirmation made before providing personally-related information to a third party
-- that links it to personal data (APPI Art. 31(3), PPC Rules Art. 28), kept beside the Art. 29 and 30 records, in the
-- same chain.
alter table ledger_record drop constraint ledger_record_kind_check;
alter table ledger_record add constraint ledger_record_kind_check check (kind in ('PROVISION', 'RECEIPT', 'CONFIRMATION'));
