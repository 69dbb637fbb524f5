-- The backlog (issue #19) counts the cases open at an instant: those never solved plus those
-- solved after it. At 2,000,000 cases that read ~40,000 + ~245,000 rows from the heap for a
-- 90-day report (1–3 s, bench/REPORTS.md). With the columns a backlog filters and groups on
-- included in its partial indexes, the counts are index-only scans and never touch the heap.
drop index case_metrics_unresolved_idx;
create index case_metrics_unresolved_idx on case_metrics (workspace_id, created_at)
  include (team_id, agent_id, channel, tags) where resolved_at is null;
drop index case_metrics_resolved_idx;
create index case_metrics_resolved_idx on case_metrics (workspace_id, resolved_at)
  include (created_at, team_id, agent_id, channel, tags) where resolved_at is not null;
-- Cases created per day for the running-sum backlog, filtered the same way.
drop index case_metrics_business_day_idx;
create index case_metrics_business_day_idx on case_metrics (workspace_id, business_day)
  include (team_id, agent_id, channel, tags);
