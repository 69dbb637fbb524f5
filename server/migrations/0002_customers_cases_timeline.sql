-- Know the customer: customers and their identities, facts and devices; teams; cases and
-- messages; calls; and the one append-only timeline that records what happened.

create extension if not exists pg_trgm;

alter table workspaces
  add column default_region text not null default 'US' check (default_region ~ '^[A-Z]{2}$');

create table customers (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  name text not null check (length(name) between 1 and 200),
  organization text,
  -- The portal login of this customer, once they have signed in.
  user_id text references auth."user" ("id") on delete set null,
  -- Set when this record was merged into another; merged records are hidden everywhere.
  merged_into uuid references customers (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index customers_user_idx on customers (workspace_id, user_id) where user_id is not null;
create index customers_page_idx on customers (workspace_id, created_at, id) where merged_into is null;
create index customers_name_trgm_idx on customers using gin (lower(name) gin_trgm_ops);

-- Emails (lower case), phones (E.164) and account numbers. One owner per value per workspace.
create table customer_identities (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  customer_id uuid not null references customers (id) on delete cascade,
  kind text not null check (kind in ('email', 'phone', 'account')),
  value text not null,
  display text not null,
  undeliverable text,
  created_at timestamptz not null default now(),
  unique (workspace_id, kind, value)
);
create index customer_identities_customer_idx on customer_identities (customer_id);
create index customer_identities_value_trgm_idx on customer_identities using gin (value gin_trgm_ops);

create table devices (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  customer_id uuid not null references customers (id) on delete cascade,
  model text not null,
  serial text not null,
  firmware text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, serial)
);
create index devices_customer_idx on devices (customer_id);

create table teams (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  name text not null check (length(name) between 1 and 80),
  created_at timestamptz not null default now(),
  unique (workspace_id, name)
);
create table team_members (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  team_id uuid not null references teams (id) on delete cascade,
  membership_id uuid not null references memberships (id) on delete cascade,
  primary key (team_id, membership_id)
);

-- Case numbers are per workspace and never reused.
create table case_numbers (
  workspace_id uuid primary key references workspaces (id) on delete cascade,
  last_number bigint not null default 0
);

create table cases (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  number bigint not null,
  customer_id uuid not null references customers (id),
  subject text not null,
  status text not null default 'new' check (status in ('new', 'open', 'pending', 'on_hold', 'solved', 'closed')),
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
  channel text not null check (channel in ('email', 'web', 'phone', 'chat', 'api', 'social')),
  assignee_id uuid references memberships (id),
  team_id uuid references teams (id) on delete set null,
  tags text[] not null default '{}',
  last_activity_at timestamptz not null default now(),
  waiting_since timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, number)
);
-- Inbox views: by last activity, newest first, with the common filters leading.
create index cases_activity_idx on cases (workspace_id, last_activity_at desc, id desc);
create index cases_assignee_idx on cases (workspace_id, assignee_id, last_activity_at desc, id desc);
create index cases_team_idx on cases (workspace_id, team_id, last_activity_at desc, id desc);
create index cases_customer_idx on cases (workspace_id, customer_id, last_activity_at desc, id desc);
create index cases_tags_idx on cases using gin (tags);
create index cases_subject_trgm_idx on cases using gin (lower(subject) gin_trgm_ops);

-- Messages are stored whole; attachments are files under DATA_DIR, listed here.
create table messages (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  case_id uuid not null references cases (id) on delete cascade,
  kind text not null check (kind in ('customer', 'reply', 'note')),
  author_user_id text,
  author_name text not null,
  body text not null,
  channel text not null,
  attachments jsonb not null default '[]',
  created_at timestamptz not null default now()
);
create index messages_case_idx on messages (case_id, created_at, id);
create index messages_body_fts_idx on messages using gin (to_tsvector('simple', body));

-- A fact is appended, never overwritten: the row without superseded_at is current.
create table facts (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  customer_id uuid not null references customers (id) on delete cascade,
  key text not null,
  value jsonb not null,
  recorded_by text,
  recorded_by_name text,
  source_case_id uuid references cases (id) on delete set null,
  source_channel text,
  recorded_at timestamptz not null default now(),
  superseded_at timestamptz
);
create unique index facts_current_idx on facts (customer_id, key) where superseded_at is null;
create index facts_history_idx on facts (customer_id, key, id desc);

create table calls (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  customer_id uuid not null references customers (id),
  from_number text not null,
  to_number text not null,
  case_id uuid references cases (id) on delete set null,
  started_at timestamptz not null default now(),
  ended_at timestamptz,
  duration_seconds integer,
  note text,
  ended_by text
);

-- The timeline: append-only, ordered by id. Rows are never updated, except that a merge
-- moves a duplicate's history to the surviving customer.
create table timeline_events (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  customer_id uuid not null references customers (id),
  case_id uuid references cases (id) on delete cascade,
  kind text not null,
  actor_user_id text,
  actor_name text,
  data jsonb not null default '{}',
  occurred_at timestamptz not null default now()
);
create index timeline_customer_idx on timeline_events (workspace_id, customer_id, id desc);
create index timeline_case_idx on timeline_events (workspace_id, case_id, id desc) where case_id is not null;

-- Inbox views an agent saved for themselves.
create table saved_views (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  membership_id uuid not null references memberships (id) on delete cascade,
  name text not null check (length(name) between 1 and 80),
  filters jsonb not null,
  created_at timestamptz not null default now()
);

create table invitations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  email text not null,
  role text not null check (role in ('admin', 'agent', 'engineer', 'moderator')),
  token_hash text not null unique,
  invited_by text,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  created_at timestamptz not null default now()
);
