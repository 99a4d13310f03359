-- Issue 17: the pipelines are also checked again once a day (Japan's), for what changes with time alone: a contractor's
-- supervision falling overdue. The day they were last checked on is kept beside the policy version.
alter table policy_checked add column day date;
