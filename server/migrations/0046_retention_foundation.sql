-- Retention (issue #19), the tables its parts share. Four parts build the issue at once
-- (surveys, repeat contacts and at-risk, support metrics, lifecycle and retention); each
-- reads the others' facts from these tables, so their shapes are fixed here first. Each part
-- adds its own private tables in its own migration.

-- One row per workspace: what the surveys and the repeat-contact rule are set to.
-- A missing row means the defaults below.
create table retention_settings (
  workspace_id uuid primary key references workspaces(id) on delete cascade,
  surveys_enabled boolean not null default true,
  -- Which surveys a solved case gets: CSAT, CES, or both.
  survey_kinds text[] not null default '{csat}'
    check (survey_kinds <@ array['csat', 'ces']::text[] and cardinality(survey_kinds) >= 1),
  -- CSAT as 1–5 or as great / okay / not good (stored as 3 / 2 / 1).
  csat_scale text not null default 'five' check (csat_scale in ('five', 'three')),
  survey_delay_minutes integer not null default 1440 check (survey_delay_minutes between 0 and 43200),
  -- No survey fatigue: at most one survey per customer in this many days.
  survey_throttle_days integer not null default 30 check (survey_throttle_days between 0 and 365),
  -- Answers after this many days are refused politely.
  survey_window_days integer not null default 28 check (survey_window_days between 1 and 365),
  -- A new or reopened case within this many days about the same issue is a repeat contact.
  repeat_window_days integer not null default 7 check (repeat_window_days between 1 and 90),
  updated_at timestamptz not null default now()
);

-- A survey sent (or planned) for one solved case.
create table surveys (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  case_id uuid not null references cases(id) on delete cascade,
  customer_id uuid not null references customers(id) on delete cascade,
  kind text not null check (kind in ('csat', 'ces')),
  -- five: 1–5, three: 1–3 (not good / okay / great), seven: CES 1–7.
  scale text not null check (scale in ('five', 'three', 'seven')),
  channel text not null check (channel in ('email', 'portal')),
  status text not null default 'scheduled'
    check (status in ('scheduled', 'sent', 'responded', 'skipped', 'expired')),
  skip_reason text check (length(skip_reason) <= 60),
  -- Who solved it, kept so results count for the agent and team of the time.
  agent_id uuid references memberships(id) on delete set null,
  team_id uuid references teams(id) on delete set null,
  send_at timestamptz not null,
  sent_at timestamptz,
  expires_at timestamptz,
  created_at timestamptz not null default now()
);
create index surveys_case_idx on surveys (workspace_id, case_id);
create index surveys_customer_idx on surveys (workspace_id, customer_id, created_at desc);

-- The answer to a survey: one per survey; a second click changes it.
create table survey_responses (
  survey_id uuid primary key references surveys(id) on delete cascade,
  workspace_id uuid not null references workspaces(id) on delete cascade,
  case_id uuid not null references cases(id) on delete cascade,
  customer_id uuid not null references customers(id) on delete cascade,
  agent_id uuid references memberships(id) on delete set null,
  team_id uuid references teams(id) on delete set null,
  kind text not null check (kind in ('csat', 'ces')),
  rating smallint not null check (rating between 1 and 7),
  -- The rating read on its own scale, so every consumer agrees what "negative" means.
  sentiment text not null check (sentiment in ('positive', 'neutral', 'negative')),
  comment text check (length(comment) <= 4000),
  reason text check (reason in ('agent', 'product', 'policy', 'speed', 'other')),
  responded_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index survey_responses_time_idx on survey_responses (workspace_id, responded_at);
create index survey_responses_customer_idx on survey_responses (workspace_id, customer_id, responded_at desc);

-- A case that is a repeat contact: the same customer back within the window about the same issue.
create table repeat_contacts (
  case_id uuid primary key references cases(id) on delete cascade,
  workspace_id uuid not null references workspaces(id) on delete cascade,
  customer_id uuid not null references customers(id) on delete cascade,
  -- The earlier case it repeats (for a reopen, the case itself).
  previous_case_id uuid not null references cases(id) on delete cascade,
  -- Why it counts as the same issue.
  reason text not null check (reason in ('problem', 'signature', 'similar', 'link', 'reopen')),
  -- The agent and team who had the earlier case: a repeat counts against the first answer.
  agent_id uuid references memberships(id) on delete set null,
  team_id uuid references teams(id) on delete set null,
  detected_at timestamptz not null default now()
);
create index repeat_contacts_time_idx on repeat_contacts (workspace_id, detected_at);
create index repeat_contacts_customer_idx on repeat_contacts (workspace_id, customer_id, detected_at desc);

-- Billing or CRM facts about a customer's subscription: the other side of retention.
create table customer_lifecycle_events (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  customer_id uuid not null references customers(id) on delete cascade,
  event text not null check (event in ('subscribed', 'renewed', 'upgraded', 'downgraded', 'churned')),
  at timestamptz not null,
  -- Money per period where the source knows it (revenue retention); null when it does not.
  value numeric(14, 2),
  -- The source system's id: importing the same row again changes nothing.
  external_id text check (length(external_id) between 1 and 200),
  created_at timestamptz not null default now(),
  unique (workspace_id, external_id)
);
create index customer_lifecycle_customer_idx on customer_lifecycle_events (workspace_id, customer_id, at);
create index customer_lifecycle_event_idx on customer_lifecycle_events (workspace_id, event, at);
