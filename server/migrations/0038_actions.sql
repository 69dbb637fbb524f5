-- Empowered agents (issue #18), part actions: admin-defined actions that call the company's own
-- systems (ship a replacement, start a rental, issue a credit), their runs and approvals.

create table actions (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  name text not null check (length(name) between 1 and 120),
  icon text,
  url text not null,
  -- [{"key","label"?,"type","options"?,"default"?,"required"?}], validated by contracts/actions.ts.
  fields jsonb not null default '[]',
  -- Roles allowed to run it (admins always may).
  roles text[] not null default '{agent}',
  -- Above this amount of `approval_field` a run waits for a manager (null: never).
  approval_field text,
  approval_amount double precision,
  -- The per-action signing secret, sealed (platform/sealed.ts); shown once when created.
  secret_sealed text not null,
  secret_preview text not null,
  created_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  check ((approval_field is null) = (approval_amount is null))
);
create index actions_workspace_idx on actions (workspace_id, name) where deleted_at is null;

create table action_runs (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  action_id uuid not null references actions(id) on delete cascade,
  case_id uuid not null references cases(id) on delete cascade,
  customer_id uuid not null,
  idempotency_key text not null,
  status text not null check (status in ('pending_approval', 'running', 'succeeded', 'failed', 'refused')),
  input jsonb not null,
  result jsonb,
  error text,
  attempts integer not null default 0,
  requested_by text not null,
  requested_by_name text not null,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  -- The same Idempotency-Key returns the same run: never a second run, never a second call.
  unique (workspace_id, action_id, idempotency_key)
);
create index action_runs_case_idx on action_runs (workspace_id, case_id, created_at desc);

create table action_approvals (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  -- One approval per run: a second decision finds it decided.
  run_id uuid not null unique references action_runs(id) on delete cascade,
  status text not null default 'pending' check (status in ('pending', 'approved', 'refused')),
  amount double precision not null,
  limit_amount double precision not null,
  decided_by text,
  decided_by_name text,
  reason text,
  created_at timestamptz not null default now(),
  decided_at timestamptz,
  check (status <> 'refused' or length(trim(reason)) >= 3)
);
create index action_approvals_pending_idx on action_approvals (workspace_id, created_at) where status = 'pending';
