-- Support metrics (issue #19, "Support metrics that respect the customer's clock").
--
-- case_metrics holds one row of facts per case, computed by the reports module from the
-- case's messages and its case.status_changed timeline events (every path that changes a
-- status writes one: patch, bulk, email reopen, portal, problems, escalations). The business
-- minutes need the team's calendar (luxon, in TypeScript), so triggers only mark a case dirty
-- and the refresher recomputes it; the report endpoint drains the queue before it answers.
--
-- report_daily / report_daily_tags are the rollups: sums and counts per (day, clock, team,
-- agent, channel[, tag]). A case counts on the day it was created: in the workspace's zone for
-- the business clock, in the customer's own zone for the customer clock. The refresher
-- subtracts a case's old contribution and adds its new one in the same transaction, so a
-- 90-day report reads ~90 × (teams × agents × channels) rows, never the cases.

-- No foreign key to cases: its check would take a key-share lock on the case row while a
-- status change holds that row for update and waits on the dirty queue the refresher holds (a
-- deadlock). A deleted case is marked dirty instead, and the refresher removes its row.
create table case_metrics (
  case_id uuid primary key,
  workspace_id uuid not null references workspaces(id) on delete cascade,
  created_at timestamptz not null,
  team_id uuid,
  agent_id uuid,
  channel text not null,
  tags text[] not null default '{}',
  -- The customer's IANA zone (their timezone fact, else the workspace's).
  customer_zone text not null,
  business_day date not null,
  customer_day date not null,
  first_reply_at timestamptz,
  first_reply_business numeric,
  first_reply_wall numeric,
  next_reply_count integer not null default 0,
  next_reply_business numeric not null default 0,
  next_reply_wall numeric not null default 0,
  -- Set while the case is solved or closed: its last solve.
  resolved_at timestamptz,
  resolution_business numeric,
  resolution_wall numeric,
  reopen_count integer not null default 0,
  replies_before_solve integer not null default 0,
  one_touch boolean not null default false,
  repeat_contact boolean not null default false,
  csat_rating smallint,
  csat_positive boolean,
  ces_rating smallint,
  ces_positive boolean,
  computed_at timestamptz not null default now()
);
create index case_metrics_business_day_idx on case_metrics (workspace_id, business_day);
create index case_metrics_customer_day_idx on case_metrics (workspace_id, customer_day);
-- Backlog at an instant: unsolved cases, or cases solved after it.
create index case_metrics_unresolved_idx on case_metrics (workspace_id, created_at) where resolved_at is null;
create index case_metrics_resolved_idx on case_metrics (workspace_id, resolved_at) where resolved_at is not null;

create table report_dirty_cases (
  case_id uuid primary key,
  workspace_id uuid not null,
  marked_at timestamptz not null default now()
);
create index report_dirty_workspace_idx on report_dirty_cases (workspace_id, marked_at);

create table report_daily (
  workspace_id uuid not null references workspaces(id) on delete cascade,
  day date not null,
  clock text not null check (clock in ('business', 'customer')),
  team_id uuid,
  agent_id uuid,
  channel text not null,
  created integer not null default 0,
  first_reply_count integer not null default 0,
  first_reply_sum numeric not null default 0,
  next_reply_count integer not null default 0,
  next_reply_sum numeric not null default 0,
  resolved integer not null default 0,
  -- Cases solved at least once (the reopen rate's denominator).
  solved_once integer not null default 0,
  resolution_sum numeric not null default 0,
  reopened integer not null default 0,
  one_touch integer not null default 0,
  repeat_contacts integer not null default 0,
  csat_count integer not null default 0,
  csat_positive integer not null default 0,
  csat_sum numeric not null default 0,
  ces_count integer not null default 0,
  ces_positive integer not null default 0,
  ces_sum numeric not null default 0
);
create unique index report_daily_key on report_daily (workspace_id, clock, day, team_id, agent_id, channel) nulls not distinct;

create table report_daily_tags (like report_daily including defaults including constraints);
alter table report_daily_tags add column tag text not null;
alter table report_daily_tags add foreign key (workspace_id) references workspaces(id) on delete cascade;
create unique index report_daily_tags_key on report_daily_tags (workspace_id, clock, day, tag, team_id, agent_id, channel) nulls not distinct;

create function report_mark_dirty(p_case uuid, p_workspace uuid) returns void language sql as $$
  insert into report_dirty_cases (case_id, workspace_id) values (p_case, p_workspace)
  on conflict (case_id) do nothing
$$;

create function report_dirty_from_case() returns trigger language plpgsql as $$
begin
  perform report_mark_dirty(new.id, new.workspace_id);
  return null;
end $$;
create function report_dirty_from_old_case() returns trigger language plpgsql as $$
begin
  perform report_mark_dirty(old.id, old.workspace_id);
  return null;
end $$;
create trigger report_dirty_cases_ins after insert on cases
  for each row execute function report_dirty_from_case();
create trigger report_dirty_cases_del after delete on cases
  for each row execute function report_dirty_from_old_case();
create trigger report_dirty_cases_upd after update of status, team_id, assignee_id, channel, tags, created_at, customer_id, merged_into_case_id on cases
  for each row execute function report_dirty_from_case();

-- Messages, status timeline events and the shared survey/repeat tables all carry case_id.
create function report_dirty_from_child() returns trigger language plpgsql as $$
declare r record;
begin
  if tg_op = 'DELETE' then r := old; else r := new; end if;
  if r.case_id is not null then perform report_mark_dirty(r.case_id, r.workspace_id); end if;
  return null;
end $$;
create trigger report_dirty_messages after insert or delete or update of created_at, kind on messages
  for each row execute function report_dirty_from_child();
create trigger report_dirty_status after insert or update of occurred_at on timeline_events
  for each row when (new.kind = 'case.status_changed') execute function report_dirty_from_child();
create trigger report_dirty_repeats after insert or delete on repeat_contacts
  for each row execute function report_dirty_from_child();
create trigger report_dirty_surveys after insert or delete or update of rating, sentiment on survey_responses
  for each row execute function report_dirty_from_child();

-- Backfill: every existing case is recomputed by the refresher on its first run.
insert into report_dirty_cases (case_id, workspace_id) select id, workspace_id from cases;
