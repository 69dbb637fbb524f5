-- Guided troubleshooting: playbooks, their frozen versions, and runs that follow one version.

create table playbooks (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  slug text not null,
  -- Name and topics of the newest version, kept here for lists and topic matching.
  name text not null,
  topics text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, slug)
);

-- A version is a whole definition (JSON graph of steps). Published versions are never changed;
-- editing after a publish starts the next version as a draft. At most one draft per playbook.
create table playbook_versions (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  playbook_id uuid not null references playbooks (id) on delete cascade,
  version integer not null check (version >= 1),
  status text not null check (status in ('draft', 'published')),
  definition jsonb not null,
  created_by text,
  created_at timestamptz not null default now(),
  published_at timestamptz,
  unique (playbook_id, version)
);
create unique index playbook_versions_one_draft on playbook_versions (playbook_id) where status = 'draft';

-- A run follows exactly one version. Self-service runs start without a case; one is opened
-- (and the run attached) when the run does not resolve.
create table playbook_runs (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  playbook_id uuid not null references playbooks (id) on delete cascade,
  version_id uuid not null references playbook_versions (id),
  customer_id uuid not null references customers (id),
  case_id uuid references cases (id) on delete set null,
  mode text not null check (mode in ('agent', 'self_service')),
  status text not null default 'open'
    check (status in ('open', 'resolved', 'escalate', 'known_problem', 'abandoned')),
  current_step_id text,
  started_by text,
  started_by_name text,
  started_at timestamptz not null default now(),
  last_activity_at timestamptz not null default now(),
  ended_at timestamptz
);
create index playbook_runs_case_idx on playbook_runs (workspace_id, case_id, started_at) where case_id is not null;
create index playbook_runs_playbook_idx on playbook_runs (workspace_id, playbook_id, status);
create index playbook_runs_customer_idx on playbook_runs (workspace_id, customer_id, started_at);

-- Every step shown in a run, in order, with the answer given (choice, branch taken, snapshot).
create table playbook_run_steps (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  run_id uuid not null references playbook_runs (id) on delete cascade,
  seq integer not null,
  step_id text not null,
  kind text not null,
  title text not null,
  shown_at timestamptz not null default now(),
  answered_at timestamptz,
  answer text,
  snapshot_id uuid references diagnostic_snapshots (id) on delete set null,
  outcome text,
  answered_by_name text,
  unique (run_id, seq)
);
