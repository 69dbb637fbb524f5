-- Retention (issue #19), lifecycle and retention part: offers attached to replies on solved
-- cases. An offer rides on one reply; the customer follows its tracked link (/o/{token}) to
-- accept it, or a sweep marks it ignored after a few days, so the dashboard can show whether
-- an upsell cost satisfaction.
create table retention_offers (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  case_id uuid not null references cases(id) on delete cascade,
  message_id uuid not null references messages(id) on delete cascade,
  customer_id uuid not null references customers(id) on delete cascade,
  -- The agent who made it (membership), kept so outcomes can be read per agent later.
  agent_id uuid references memberships(id) on delete set null,
  title text not null check (length(title) between 1 and 120),
  url text not null check (length(url) between 9 and 2000 and url like 'https://%'),
  -- The unguessable part of the tracked link; it only ever accepts this one offer.
  token text not null unique check (length(token) between 20 and 100),
  status text not null default 'offered' check (status in ('offered', 'accepted', 'ignored')),
  accepted_at timestamptz,
  ignored_at timestamptz,
  created_at timestamptz not null default now()
);
create index retention_offers_time_idx on retention_offers (workspace_id, created_at);
create index retention_offers_open_idx on retention_offers (created_at) where status = 'offered';
create index retention_offers_case_idx on retention_offers (workspace_id, case_id);
