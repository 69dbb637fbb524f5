-- Surveys (issue #19): the parts private to the surveys module. The shared tables (settings,
-- surveys, survey_responses) are in 0046.

-- The one-click rating links: a random token per sent survey, stored only as its SHA-256, so
-- the database never holds a usable link and a token finds nothing but its own survey.
create table survey_links (
  survey_id uuid primary key references surveys(id) on delete cascade,
  workspace_id uuid not null references workspaces(id) on delete cascade,
  token_hash text not null unique
);

-- A negative answer becomes a task for the lead(s) of the case's team (or the admins).
create table survey_follow_ups (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  case_id uuid not null references cases(id) on delete cascade,
  survey_id uuid not null references survey_responses(survey_id) on delete cascade,
  assignee_id uuid not null references memberships(id) on delete cascade,
  status text not null default 'open' check (status in ('open', 'done')),
  note text check (length(note) <= 2000),
  done_at timestamptz,
  created_at timestamptz not null default now(),
  unique (survey_id, assignee_id)
);
create index survey_follow_ups_assignee_idx on survey_follow_ups (workspace_id, assignee_id, status, created_at desc);

-- The one place a solve is seen. Cases change status in many places (the case patch, bulk
-- edits, an email reopening a solved case, the portal, problem broadcasts, escalations), so a
-- trigger on the row plans the survey in the same transaction as the change, whichever path
-- made it: entering solved/closed plans one survey per configured kind (or writes them skipped
-- with the reason known now); leaving solved/closed cancels what has not been sent yet. Solved
-- then closed is one solve, so one plan. The sending job (surveys/sweep.ts) checks the rules
-- again at send time, since a case can be merged or tagged spam during the delay.
create function surveys_plan_on_status() returns trigger language plpgsql as $$
declare
  enabled boolean;
  kinds text[];
  csat text;
  delay integer;
  reason text;
begin
  if new.status in ('solved', 'closed') and old.status not in ('solved', 'closed') then
    select r.surveys_enabled, r.survey_kinds, r.csat_scale, r.survey_delay_minutes
      into enabled, kinds, csat, delay
      from retention_settings r where r.workspace_id = new.workspace_id;
    enabled := coalesce(enabled, true);
    kinds := coalesce(kinds, '{csat}');
    csat := coalesce(csat, 'five');
    delay := coalesce(delay, 1440);
    reason := case
      when not enabled then 'disabled'
      when new.merged_into_case_id is not null then 'merged'
      when 'spam' = any(new.tags) then 'spam'
    end;
    insert into surveys (workspace_id, case_id, customer_id, kind, scale, channel, status, skip_reason,
                         agent_id, team_id, send_at)
    select new.workspace_id, new.id, new.customer_id, k,
           case when k = 'ces' then 'seven' else csat end,
           case when new.channel = 'email' then 'email' else 'portal' end,
           case when reason is null then 'scheduled' else 'skipped' end, reason,
           new.assignee_id, new.team_id, now() + make_interval(mins => delay)
      from unnest(kinds) as k;
  elsif old.status in ('solved', 'closed') and new.status not in ('solved', 'closed') then
    update surveys set status = 'skipped', skip_reason = 'reopened'
     where workspace_id = new.workspace_id and case_id = new.id and status = 'scheduled';
  end if;
  return null;
end $$;

create trigger surveys_plan_on_status after update of status on cases
  for each row when (old.status is distinct from new.status)
  execute function surveys_plan_on_status();
