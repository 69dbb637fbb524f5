-- Issue #23: the audit log streamed to the company's SIEM or log collector over HTTPS, signed
-- like webhooks. One stream per workspace.
create table audit_streams (
  workspace_id uuid primary key references workspaces (id) on delete cascade,
  url text not null check (length(url) between 1 and 2000),
  -- Sealed with the install's key (platform/sealed.ts, purpose "audit-stream").
  secret_sealed text not null,
  enabled boolean not null default true,
  -- The chain number of the last record the endpoint accepted. Delivery resumes after it, so
  -- every record arrives once, in chain order, however often the endpoint fails.
  delivered_seq bigint not null default 0,
  last_attempt_at timestamptz,
  last_error text check (length(last_error) <= 500),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
