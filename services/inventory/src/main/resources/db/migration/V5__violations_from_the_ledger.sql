-- Violations are raised by the ledger too (rejected provision occurrences), possibly naming a pipeline the
-- inventory does not know: the reference becomes plain text. One open violation per pipeline, field and
-- rule, also when the field is absent (NULLS NOT DISTINCT), counting how often it happened.
alter table violation drop constraint violation_pipeline_id_fkey;
alter table violation drop constraint violation_pipeline_id_dataset_id_field_name_rule_key;
alter table violation add constraint violation_once unique nulls not distinct (pipeline_id, dataset_id, field_name, rule);
alter table violation add column raised_by text not null default 'inventory';
alter table violation add column occurrences bigint not null default 1;
