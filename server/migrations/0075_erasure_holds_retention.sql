-- Issue #23, GDPR and retention: erasing a customer, legal holds, retention policies.

-- An erased customer keeps its row (cases point at it, so report counts stay true) with the
-- name replaced; erased_at tells every screen and the erasure job that it is done.
alter table customers add column erased_at timestamptz;

-- One erasure of one customer: a job row that the erasure job works until it completes.
-- file_keys: stored files the database pass unlisted, deleted from storage after it commits
-- (storage is outside the transaction, so a retry deletes them again; deleting is idempotent).
create table erasure_requests (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces on delete cascade,
  customer_id uuid not null references customers on delete cascade,
  requested_by text not null,
  requested_at timestamptz not null default now(),
  status text not null default 'pending' check (status in ('pending', 'completed')),
  attempts int not null default 0,
  last_error text,
  file_keys text[] not null default '{}',
  completed_at timestamptz
);
create unique index erasure_requests_one_pending on erasure_requests (workspace_id, customer_id)
  where status = 'pending';

-- A legal hold on a customer or on one case: blocks erasure and retention deletion until released.
create table legal_holds (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces on delete cascade,
  customer_id uuid references customers on delete cascade,
  case_id uuid references cases on delete cascade,
  reason text not null,
  placed_by text not null,
  placed_by_name text not null,
  placed_at timestamptz not null default now(),
  released_at timestamptz,
  released_by_name text,
  check ((customer_id is null) <> (case_id is null))
);
create index legal_holds_active_customer on legal_holds (workspace_id, customer_id) where released_at is null;
create index legal_holds_active_case on legal_holds (workspace_id, case_id) where released_at is null;

-- The workspace's retention policy: null days = keep forever.
create table retention_policies (
  workspace_id uuid primary key references workspaces on delete cascade,
  closed_case_days int check (closed_case_days between 1 and 36500),
  raw_email_days int check (raw_email_days between 1 and 36500),
  snapshot_days int check (snapshot_days between 1 and 36500),
  updated_at timestamptz not null default now(),
  updated_by text
);

-- What each run of the policy removed.
create table retention_runs (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces on delete cascade,
  trigger text not null check (trigger in ('schedule', 'manual')),
  started_by_name text,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  cases_deleted int not null default 0,
  files_deleted int not null default 0,
  raw_emails_deleted int not null default 0,
  snapshots_deleted int not null default 0,
  held_skipped int not null default 0
);
create index retention_runs_recent on retention_runs (workspace_id, started_at desc);
