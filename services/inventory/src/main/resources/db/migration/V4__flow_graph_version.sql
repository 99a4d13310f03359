-- The flow graph is kept in memory by the inventory; any change to what it is built from bumps this
-- sequence, so that the next query rebuilds it (docs/api.md: flows).
create sequence flow_graph_version;

create function bump_flow_graph_version() returns trigger language plpgsql as $$
begin
    perform nextval('flow_graph_version');
    return null;
end;
$$;

create trigger pipeline_changes_flow_graph after insert or update or delete on pipeline
    for each statement execute function bump_flow_graph_version();
create trigger pipeline_field_changes_flow_graph after insert or update or delete on pipeline_field
    for each statement execute function bump_flow_graph_version();
-- Classifications are upserted all the time, mostly without a change: only statements that changed rows count.
create function bump_flow_graph_version_if_rows() returns trigger language plpgsql as $$
begin
    if exists (select 1 from changed) then
        perform nextval('flow_graph_version');
    end if;
    return null;
end;
$$;
create trigger classification_inserts_flow_graph after insert on field_classification
    referencing new table as changed for each statement execute function bump_flow_graph_version_if_rows();
create trigger classification_updates_flow_graph after update on field_classification
    referencing new table as changed for each statement execute function bump_flow_graph_version_if_rows();
create trigger dataset_changes_flow_graph after insert or delete on dataset
    for each statement execute function bump_flow_graph_version();
