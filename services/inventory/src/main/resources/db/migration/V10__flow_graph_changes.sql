-- The flow graph each inventory instance keeps in memory is brought up to date from what changed instead of being
-- rebuilt whole (docs/api.md: flows): every change to what it is built from leaves here the pipeline or the dataset it
-- touched. Instances re-read the last seconds of it (a transaction may commit after a later one) and remove rows
-- older than ten minutes; an instance that fell further behind rebuilds its graph whole.
create table flow_graph_change (
    seq         bigserial primary key,
    pipeline_id text,
    dataset_id  text,
    at          timestamptz not null default clock_timestamp()
);
create index flow_graph_change_at on flow_graph_change (at);

drop trigger pipeline_changes_flow_graph on pipeline;
drop trigger pipeline_field_changes_flow_graph on pipeline_field;
drop trigger classification_inserts_flow_graph on field_classification;
drop trigger classification_updates_flow_graph on field_classification;
drop trigger dataset_changes_flow_graph on dataset;
drop function bump_flow_graph_version();
drop function bump_flow_graph_version_if_rows();
drop sequence flow_graph_version;

create function flow_graph_pipeline_changed() returns trigger language plpgsql as $$
begin
    insert into flow_graph_change (pipeline_id) select distinct id from changed;
    return null;
end;
$$;
create trigger pipeline_inserts_flow_graph after insert on pipeline
    referencing new table as changed for each statement execute function flow_graph_pipeline_changed();
create trigger pipeline_updates_flow_graph after update on pipeline
    referencing new table as changed for each statement execute function flow_graph_pipeline_changed();
create trigger pipeline_deletes_flow_graph after delete on pipeline
    referencing old table as changed for each statement execute function flow_graph_pipeline_changed();

create function flow_graph_pipeline_field_changed() returns trigger language plpgsql as $$
begin
    insert into flow_graph_change (pipeline_id) select distinct pipeline_id from changed;
    return null;
end;
$$;
create trigger pipeline_field_inserts_flow_graph after insert on pipeline_field
    referencing new table as changed for each statement execute function flow_graph_pipeline_field_changed();
create trigger pipeline_field_deletes_flow_graph after delete on pipeline_field
    referencing old table as changed for each statement execute function flow_graph_pipeline_field_changed();

-- Classifications are upserted all the time, mostly without a change: only what the graph reads counts.
-- Added or removed: the rows of the transition table, personal data only.
create function flow_graph_classification_added_or_removed() returns trigger language plpgsql as $$
begin
    insert into flow_graph_change (dataset_id) select distinct dataset_id from changed where item <> 'none';
    return null;
end;
$$;
create trigger classification_inserts_flow_graph after insert on field_classification
    referencing new table as changed for each statement execute function flow_graph_classification_added_or_removed();
create function flow_graph_classification_changed() returns trigger language plpgsql as $$
begin
    insert into flow_graph_change (dataset_id)
    select distinct n.dataset_id from now_rows n join was_rows o on o.dataset_id = n.dataset_id and o.field_name = n.field_name
    where (o.item, o.subject, o.sensitive) is distinct from (n.item, n.subject, n.sensitive);
    return null;
end;
$$;
create trigger classification_updates_flow_graph after update on field_classification
    referencing old table as was_rows new table as now_rows for each statement execute function flow_graph_classification_changed();
create trigger classification_deletes_flow_graph after delete on field_classification
    referencing old table as changed for each statement execute function flow_graph_classification_added_or_removed();

create function flow_graph_dataset_changed() returns trigger language plpgsql as $$
begin
    insert into flow_graph_change (dataset_id) select distinct id from changed;
    return null;
end;
$$;
create trigger dataset_deletes_flow_graph after delete on dataset
    referencing old table as changed for each statement execute function flow_graph_dataset_changed();
create function flow_graph_dataset_moved() returns trigger language plpgsql as $$
begin
    insert into flow_graph_change (dataset_id)
    select distinct n.id from now_rows n join was_rows o on o.id = n.id where o.system_name is distinct from n.system_name;
    return null;
end;
$$;
create trigger dataset_updates_flow_graph after update on dataset
    referencing old table as was_rows new table as now_rows for each statement execute function flow_graph_dataset_moved();
