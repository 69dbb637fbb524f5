-- Empowered agents (issue #18): the tables every part of the issue reads. Each part adds its
-- own tables in its own migration (actions 0038, snippets and profiles 0039, routing 0040,
-- SLA policies 0041); these are the ones more than one part needs.

-- A team lead is the "manager" of the issue: approves actions over their limit and hears of
-- SLA breaches on the team's cases (admins always may).
alter table team_members add column is_lead boolean not null default false;

-- Business hours: one calendar per team (or the workspace's default, team_id null). Periods are
-- weekly wall-clock intervals in the calendar's own zone, more than one a day allowed:
-- [{"day":1,"start":"09:00","end":"12:30"}, ...] with day 0 = Sunday .. 6 = Saturday.
-- Holidays are whole local dates ["2026-12-25", ...]. `follow_on_id` chains calendars for
-- follow-the-sun: outside this calendar's hours, cases flow to the next one on duty.
create table business_calendars (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  team_id uuid references teams(id) on delete cascade,
  name text not null check (length(name) between 1 and 120),
  timezone text not null,
  periods jsonb not null default '[]',
  holidays jsonb not null default '[]',
  follow_on_id uuid references business_calendars(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- One calendar per team, one workspace default.
create unique index business_calendars_team_idx on business_calendars (workspace_id, team_id) where team_id is not null;
create unique index business_calendars_default_idx on business_calendars (workspace_id) where team_id is null;

-- SLA state on the case (computed by the SLA part, read by the inbox, reports and home page).
-- Due times are absolute instants already counted in business hours; while paused (waiting on
-- the customer or on a problem) `sla_paused_at` is set and the dues are pushed out on resume.
alter table cases
  add column sla_policy_id uuid,
  add column sla_first_reply_due_at timestamptz,
  add column sla_next_reply_due_at timestamptz,
  add column sla_resolution_due_at timestamptz,
  add column sla_paused_at timestamptz,
  add column sla_breached_at timestamptz,
  add column first_replied_at timestamptz;
-- The inbox sorts open cases by their nearest due time.
create index cases_sla_due_idx on cases (workspace_id, least(sla_first_reply_due_at, sla_next_reply_due_at, sla_resolution_due_at))
  where status in ('new', 'open', 'pending', 'on_hold');
