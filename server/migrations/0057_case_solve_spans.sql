-- Backlog with reopens (issue #19): each earlier solve that a reopen undid. case_metrics keeps
-- only a case's last solve, so a case solved on Monday and reopened on Thursday counted as open
-- all week; the backlog at an instant now leaves out the cases inside one of these spans.
-- Written by the reports refresher beside case_metrics, from the same status-change events,
-- so the two never disagree (and the demo's retimed history moves them too).
-- No foreign key to cases, like case_metrics: the check's key-share lock deadlocked with a
-- status change holding the case row for update (docs/ARCHITECTURE.md, Support metrics).
create table case_solve_spans (
  case_id uuid not null,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  solved_at timestamptz not null,
  reopened_at timestamptz not null,
  primary key (case_id, solved_at),
  check (reopened_at >= solved_at)
);
-- "Spans still running at T" reads those reopened after T: few, since reopens come soon after.
create index case_solve_spans_reopened_idx on case_solve_spans (workspace_id, reopened_at)
  include (solved_at, case_id);

-- Cases already reopened get their spans at the next refresh.
insert into report_dirty_cases (case_id, workspace_id)
select case_id, workspace_id from case_metrics where reopen_count > 0
on conflict (case_id) do nothing;
