-- GDPR export of one customer's data (issue #23): a zip built by the `customer.export` job,
-- kept in file storage and handed out through a download link that expires.
create table customer_exports (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  customer_id uuid not null references customers (id) on delete cascade,
  -- Who asked: a staff member from the customer page, or the customer from the portal.
  requested_by_user_id text,
  requested_via text not null check (requested_via in ('staff', 'portal')),
  status text not null default 'queued' check (status in ('queued', 'running', 'ready', 'failed', 'expired')),
  -- The zip in file storage (workspace id / uuid), set when ready, cleared by the expiry sweep.
  file_key text,
  size_bytes bigint,
  -- The download link's secret, stored as a SHA-256 hex digest (the link is shown or mailed once).
  token_hash text unique,
  error text,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  expires_at timestamptz,
  downloaded_at timestamptz
);
-- The customer page lists a customer's exports newest first; the rate limit counts them.
create index customer_exports_customer_idx on customer_exports (workspace_id, customer_id, created_at desc);
-- The expiry sweep finds ready exports past their time.
create index customer_exports_expiry_idx on customer_exports (expires_at) where status = 'ready';
