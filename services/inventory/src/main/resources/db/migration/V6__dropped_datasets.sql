-- Issue 13: a table the source's catalog no longer has is marked dropped; its versions, fields and decisions stay
-- as history. Null while the table exists.
alter table dataset add column dropped_at timestamptz;
