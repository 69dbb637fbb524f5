-- SLA policies and what the SLA part needs beyond 0037's case columns (issue #18).

-- Ordered policies: the first whose conditions all match a new case applies. Targets are in
-- business minutes, counted in the case team's calendar (else the workspace default, else
-- always open) or, with calendar 'always', around the clock.
create table sla_policies (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  name text not null check (length(name) between 1 and 120),
  position integer not null default 0,
  conditions jsonb not null default '{}',
  targets jsonb not null default '{}',
  calendar text not null default 'team' check (calendar in ('team', 'always')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index sla_policies_ws_idx on sla_policies (workspace_id, position);

-- sla_started_at: the SLA was looked at for this case (a policy may not have matched).
-- sla_paused_minutes: business minutes spent paused so far; dues are anchors + target + this,
-- so a recompute after a calendar or policy change keeps the pauses.
-- sla_next_reply_from: the customer message that started the next-reply clock.
-- sla_warn_at / sla_warned_at: when 80 % of the nearest target is used, and when we said so.
alter table cases
  add column sla_started_at timestamptz,
  add column sla_paused_minutes integer not null default 0,
  add column sla_next_reply_from timestamptz,
  add column sla_warn_at timestamptz,
  add column sla_warned_at timestamptz;

-- The breach sweep reads only running clocks.
create index cases_sla_breach_idx on cases (least(sla_first_reply_due_at, sla_next_reply_due_at, sla_resolution_due_at))
  where sla_breached_at is null and sla_paused_at is null and status in ('new', 'open');
create index cases_sla_warn_idx on cases (sla_warn_at)
  where sla_warned_at is null and sla_paused_at is null and status in ('new', 'open');
-- Recompute finds the open cases of a policy.
create index cases_sla_policy_idx on cases (sla_policy_id) where status in ('new', 'open', 'pending', 'on_hold');

-- One row per target met or breached: the attainment report counts these. Unique per due so a
-- late reply after the sweep's breach is not counted twice.
create table sla_outcomes (
  id bigserial primary key,
  workspace_id uuid not null references workspaces(id) on delete cascade,
  case_id uuid not null references cases(id) on delete cascade,
  team_id uuid references teams(id) on delete set null,
  target text not null check (target in ('first_reply', 'next_reply', 'resolution')),
  outcome text not null check (outcome in ('met', 'breached')),
  due_at timestamptz not null,
  at timestamptz not null default now(),
  unique (case_id, target, due_at)
);
create index sla_outcomes_report_idx on sla_outcomes (workspace_id, at);

-- Breach and near-breach notices to the assignee and the team's leads, once per case and kind.
create table sla_notifications (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  case_id uuid not null references cases(id) on delete cascade,
  membership_id uuid not null references memberships(id) on delete cascade,
  kind text not null check (kind in ('warning', 'breached')),
  created_at timestamptz not null default now(),
  read_at timestamptz,
  unique (case_id, membership_id, kind)
);
create index sla_notifications_member_idx on sla_notifications (workspace_id, membership_id, created_at desc);
