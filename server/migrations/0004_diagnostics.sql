-- Diagnostics: structured snapshots sent by devices, apps, browsers or agents, attached to a
-- customer, optionally a device and a case; and the one-time codes that let a device submit
-- one without an API token ("read me the code on your screen").

create table diagnostic_snapshots (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  customer_id uuid not null references customers (id),
  device_id uuid references devices (id) on delete set null,
  case_id uuid references cases (id) on delete set null,
  source text not null check (source in ('device', 'app', 'browser', 'agent')),
  -- The snapshot as received, with the values of secret-looking keys replaced by "[masked]".
  data jsonb not null,
  -- Size in bytes of the data as received (before masking).
  size_bytes integer not null check (size_bytes >= 0),
  -- Paths whose values were masked on arrival, e.g. {wifi.psk, accounts[0].password}.
  masked_paths text[] not null default '{}',
  summary text not null,
  submitted_by text,
  submitted_by_name text,
  code_id uuid,
  captured_at timestamptz not null default now()
);
-- A device's history (newest first, keyset), a case's and a customer's snapshots.
create index diagnostic_snapshots_device_idx
  on diagnostic_snapshots (workspace_id, device_id, captured_at desc, id desc) where device_id is not null;
create index diagnostic_snapshots_case_idx
  on diagnostic_snapshots (workspace_id, case_id, captured_at desc, id desc) where case_id is not null;
create index diagnostic_snapshots_customer_idx
  on diagnostic_snapshots (workspace_id, customer_id, captured_at desc, id desc);

-- One-time codes: short, read aloud, stored as SHA-256, single use, short-lived.
-- code_hash is unique across workspaces: the unauthenticated by-code route finds the
-- workspace from the code.
create table diagnostic_codes (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  code_hash text not null unique,
  customer_id uuid not null references customers (id),
  case_id uuid references cases (id) on delete set null,
  device_serial text,
  created_by text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  snapshot_id uuid references diagnostic_snapshots (id) on delete set null
);
create index diagnostic_codes_customer_idx on diagnostic_codes (workspace_id, customer_id, created_at desc);
