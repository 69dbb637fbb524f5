-- A diagnostic code issued inside a playbook run, and the snapshot sent with it, belong to
-- that run: the run's check lists only its own snapshots (never an older one from another
-- case), and the snapshot is filed on the run's case (or waits on the run until it has one)
-- instead of on whichever of the customer's requests was active last.
alter table diagnostic_codes add column run_id uuid references playbook_runs (id) on delete set null;
alter table diagnostic_snapshots add column run_id uuid references playbook_runs (id) on delete set null;
create index diagnostic_snapshots_run_idx
  on diagnostic_snapshots (workspace_id, run_id, captured_at desc, id desc) where run_id is not null;

-- An escalation may carry the playbook run it came from; a run is escalated at most once.
alter table escalations add column run_id uuid references playbook_runs (id) on delete set null;
create unique index escalations_run_idx on escalations (workspace_id, run_id) where run_id is not null;
