-- Issue 17: a violation the inventory raised resolves itself when its cause goes away (a contract reference entered, a
-- field no longer sensitive, a changed pipeline) and is raised anew if the cause comes back. One open violation per
-- pipeline, field and rule; resolved ones stay as its history.
alter table violation drop constraint violation_once;
create unique index violation_open_once on violation (pipeline_id, dataset_id, field_name, rule) nulls not distinct
    where resolved_at is null;

-- How a violation was resolved: by a person (the DPO's decision: a recheck does not raise it again), because its cause
-- went away (raised again if the cause comes back), or because the pipeline was changed and passed every rule.
alter table violation add column resolution text check (resolution in ('DPO', 'CAUSE_GONE', 'PIPELINE_CHANGED'));
update violation set resolution = 'DPO' where resolved_at is not null;
