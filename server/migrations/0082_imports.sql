-- Importing another helpdesk's history (issue #24, Zendesk first).
--
-- A run is one pass of the importer (full, resumed or delta); its counts and state are what the
-- progress view and the CLI show. Checkpoints outlive runs: they are where the next run, a
-- resume after a crash or a delta sync at cut-over, starts. They are written in the same
-- transaction as the page of rows they follow, so nothing is imported twice or skipped.
--
-- `source` names the account imported from ("zendesk:acme.zendesk.com"), so one workspace may
-- import two accounts whose ids collide.

create table import_runs (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  source text not null check (length(source) between 1 and 300),
  base_url text not null check (length(base_url) between 1 and 500),
  dry_run boolean not null default false,
  since timestamptz,
  status text not null default 'queued'
    check (status in ('queued', 'running', 'done', 'failed', 'cancelled')),
  -- The resource being read now (progress view).
  resource text,
  -- { "<resource>": { "created": n, "updated": n, "skipped": n, "failed": n } }
  counts jsonb not null default '{}',
  -- Dry run: what would not map, grouped ({ "<reason>": { "count": n, "examples": [...] } }).
  report jsonb not null default '{}',
  error text check (length(error) <= 2000),
  -- The API email and token, sealed (platform/sealed.ts), only while the run needs them;
  -- cleared when it ends. Never logged, never sent back by the API.
  credentials_sealed text,
  started_by uuid references memberships(id) on delete set null,
  -- "<host>:<pid>" of the process running it: a run whose process is gone from this host is
  -- known dead at once (a killed CLI resumes without waiting for the heartbeat to go stale).
  runner text check (length(runner) <= 300),
  created_at timestamptz not null default now(),
  started_at timestamptz,
  heartbeat_at timestamptz,
  finished_at timestamptz
);
create index import_runs_workspace_idx on import_runs (workspace_id, created_at desc);
-- One live run per account at a time.
create unique index import_runs_one_live on import_runs (workspace_id, source)
  where status in ('queued', 'running');

create table import_checkpoints (
  workspace_id uuid not null references workspaces(id) on delete cascade,
  source text not null,
  resource text not null check (length(resource) between 1 and 60),
  checkpoint text check (length(checkpoint) <= 2000),
  -- True once the resource reached Zendesk's end_of_stream at least once (a full import is
  -- done; later runs are deltas).
  caught_up boolean not null default false,
  updated_at timestamptz not null default now(),
  primary key (workspace_id, source, resource)
);

-- The map from an imported record to the Rapport row it became: what makes a rerun, a resume
-- or a delta update rows instead of duplicating them (external ids are unique per workspace).
create table import_ids (
  workspace_id uuid not null references workspaces(id) on delete cascade,
  source text not null,
  kind text not null check (length(kind) between 1 and 40),
  external_id text not null check (length(external_id) between 1 and 200),
  local_id uuid not null,
  primary key (workspace_id, source, kind, external_id)
);
-- Reverse look-up (what a case was in Zendesk; erasure of an imported customer).
create index import_ids_local_idx on import_ids (local_id);

-- Records skipped or failed, with the reason: the end-of-run report. A malformed record is
-- skipped and listed here; it never aborts the run.
create table import_skips (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references workspaces(id) on delete cascade,
  run_id uuid not null references import_runs(id) on delete cascade,
  resource text not null,
  external_id text not null check (length(external_id) <= 200),
  outcome text not null check (outcome in ('skipped', 'failed')),
  reason text not null check (length(reason) <= 1000),
  created_at timestamptz not null default now()
);
create index import_skips_run_idx on import_skips (run_id, id);

-- The original ticket number, kept, shown on the case and searchable ("ZD 4411" finds it).
alter table cases add column import_source text;
alter table cases add column import_number text check (length(import_number) <= 100);
create index cases_import_number_idx on cases (workspace_id, import_number) where import_number is not null;
