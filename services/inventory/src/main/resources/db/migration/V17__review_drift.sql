-- Issue 17: a reviewed field still receives the classifier's decisions. When one drawn from sampled values says the
-- field now holds personal or sensitive data where the DPO decided it does not, the field goes back to the review queue
-- with what the classifier found; the DPO's decision is kept until they review it again.
alter table field_classification add column drift_item text;
alter table field_classification add column drift_subject text;
alter table field_classification add column drift_sensitive boolean;
alter table field_classification add column drift_confidence double precision;
alter table field_classification add column drift_evidence text[];
alter table field_classification add column drifted_at timestamptz;
-- What the classifier had decided when the DPO reviewed: finding the same again is not drift (the DPO overrode it).
alter table field_classification add column review_auto_item text;
alter table field_classification add column review_auto_sensitive boolean;
create index field_classification_drifted on field_classification (drifted_at) where drifted_at is not null;
