-- Escalation to engineering: an agent asks engineering a question about a case; engineers
-- answer with findings, ask for further diagnostics as tasks on the case, and add notes
-- (notes are ordinary internal-note messages on the case). Outgoing webhooks tell external
-- trackers about escalations.

create table escalations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  case_id uuid not null references cases (id) on delete cascade,
  customer_id uuid not null references customers (id),
  summary text not null,
  question text not null,
  -- open → answered (findings handed back) → closed; findings may be revised while not closed.
  status text not null default 'open' check (status in ('open', 'answered', 'closed')),
  created_by text,
  created_by_name text not null,
  -- The engineer working on it (a membership); null until someone claims it.
  assignee_id uuid references memberships (id) on delete set null,
  findings text,
  findings_by_name text,
  findings_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  closed_at timestamptz
);
-- The engineers' queue: by status, oldest first; a case's escalations.
create index escalations_queue_idx on escalations (workspace_id, status, created_at, id);
create index escalations_case_idx on escalations (workspace_id, case_id, created_at);

-- A further diagnostic (or any piece of work) someone asks the agent to do on a case.
create table case_tasks (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  case_id uuid not null references cases (id) on delete cascade,
  escalation_id uuid references escalations (id) on delete set null,
  title text not null,
  detail text,
  status text not null default 'open' check (status in ('open', 'done')),
  created_by text,
  created_by_name text not null,
  created_at timestamptz not null default now(),
  done_by text,
  done_by_name text,
  done_at timestamptz
);
create index case_tasks_case_idx on case_tasks (workspace_id, case_id, created_at);

-- Outgoing webhooks: endpoints an admin registers, and one delivery row per event and endpoint.
create table webhook_endpoints (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  url text not null,
  -- The signing secret, sealed with AES-256-GCM (platform/sealed.ts): receivers need it in clear.
  secret_sealed text not null,
  event_types text[] not null,
  description text,
  active boolean not null default true,
  created_by text,
  created_at timestamptz not null default now()
);
create index webhook_endpoints_ws_idx on webhook_endpoints (workspace_id, created_at);

create table webhook_deliveries (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  endpoint_id uuid not null references webhook_endpoints (id) on delete cascade,
  event_type text not null,
  -- The exact JSON body sent (and signed), so every retry sends the same bytes.
  body text not null,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0,
  last_status_code integer,
  last_error text,
  created_at timestamptz not null default now(),
  last_attempt_at timestamptz,
  delivered_at timestamptz
);
create index webhook_deliveries_endpoint_idx on webhook_deliveries (workspace_id, endpoint_id, created_at desc);
