-- Flow queries walk from a system to its datasets, and from a field to the pipelines reading it.
create index dataset_by_system on dataset (system_name);
create index pipeline_field_star on pipeline_field (dataset_id) where field_name = '*';
