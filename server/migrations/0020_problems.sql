-- Problems (issue #14): a recurring problem is one object that many cases link to, with its
-- own status, public workaround, affected products, timeline, and broadcasts to every
-- affected customer.

-- Problem numbers (P-12) are per workspace and never reused, like case numbers.
create table problem_numbers (
  workspace_id uuid primary key references workspaces (id) on delete cascade,
  last_number integer not null default 0
);

create table problems (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  number integer not null,
  title text not null,
  description text not null default '',
  status text not null default 'investigating' check (
    status in ('investigating', 'identified', 'workaround_available', 'fix_in_progress', 'fixed', 'closed')
  ),
  public_title text,
  -- Markdown as written; rendered and sanitised on the way out.
  public_workaround text,
  -- [{"model": "Play:5", "firmware": "< 12.2"}]; firmware is an optional version range.
  affected_products jsonb not null default '[]',
  owner_id uuid references memberships (id) on delete set null,
  team_id uuid references teams (id) on delete set null,
  created_by_user_id text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, number)
);
create index problems_list_idx on problems (workspace_id, updated_at desc, id desc);
create index problems_title_trgm_idx on problems using gin (lower(title) gin_trgm_ops);

create table problem_cases (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  problem_id uuid not null references problems (id) on delete cascade,
  case_id uuid not null references cases (id) on delete cascade,
  linked_at timestamptz not null default now(),
  linked_by text,
  -- Why it was linked when a suggestion or a group did it ("same error code 1013").
  reason text,
  primary key (problem_id, case_id)
);
create index problem_cases_case_idx on problem_cases (case_id);

create table problem_escalations (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  problem_id uuid not null references problems (id) on delete cascade,
  escalation_id uuid not null references escalations (id) on delete cascade,
  linked_at timestamptz not null default now(),
  primary key (problem_id, escalation_id)
);

-- The problem's own history. Cases keep theirs in timeline_events, which needs a customer.
create table problem_events (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  problem_id uuid not null references problems (id) on delete cascade,
  kind text not null,
  actor_user_id text,
  actor_name text,
  data jsonb not null default '{}',
  created_at timestamptz not null default now()
);
create index problem_events_problem_idx on problem_events (problem_id, id);

-- "Waiting on problem" is a pending reason, not a tag: the case is pending because of it.
alter table cases add column waiting_on_problem_id uuid references problems (id) on delete set null;
create index cases_waiting_on_problem_idx on cases (waiting_on_problem_id) where waiting_on_problem_id is not null;

-- One update written by the owner, sent as a reply on every linked case (a broadcast).
create table problem_updates (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  problem_id uuid not null references problems (id) on delete cascade,
  body text not null,
  solve_waiting boolean not null default false,
  -- Who the replies are signed by (the owner, else the author).
  sender_user_id text not null,
  sender_name text not null,
  author_user_id text not null,
  audience_count integer not null,
  excluded_count integer not null,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index problem_updates_problem_idx on problem_updates (problem_id, created_at desc);

-- One row per case of a broadcast; a job per row. The row's status changes in the same
-- transaction as the reply it records, so a crash can neither repeat nor lose a reply.
create table problem_update_deliveries (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  update_id uuid not null references problem_updates (id) on delete cascade,
  case_id uuid not null references cases (id) on delete cascade,
  status text not null default 'pending' check (status in ('pending', 'sent', 'skipped')),
  skip_reason text,
  message_id uuid,
  done_at timestamptz,
  primary key (update_id, case_id)
);
create index problem_update_deliveries_pending_idx on problem_update_deliveries (update_id) where status = 'pending';

-- A customer who asked to hear no more about one problem.
create table problem_opt_outs (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  problem_id uuid not null references problems (id) on delete cascade,
  customer_id uuid not null references customers (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (problem_id, customer_id)
);
