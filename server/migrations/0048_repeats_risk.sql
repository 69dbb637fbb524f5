-- Repeat contacts and at-risk customers (issue #19, the repeats part). Private tables; the
-- shared `repeat_contacts` is in 0046.

-- What the repeats job has to look at: a case born or reopened (repeat detection), a customer
-- message or a survey answer (risk). Written by triggers, so every path that creates or
-- reopens a case (API, portal, email intake, bulk, splits) is observed in one place without
-- a hook in each, and the row exists exactly when the change commits. The job (every minute,
-- and at once after a write it sees) deletes what it handles.
create table repeat_queue (
  id bigserial primary key,
  workspace_id uuid not null references workspaces(id) on delete cascade,
  customer_id uuid not null references customers(id) on delete cascade,
  case_id uuid references cases(id) on delete cascade,
  kind text not null check (kind in ('created', 'reopened', 'message', 'survey')),
  -- For a reopen: when the case was last changed while solved (its solving, near enough).
  solved_at timestamptz,
  queued_at timestamptz not null default now()
);
create index repeat_queue_ws_idx on repeat_queue (workspace_id, id);

create function repeat_queue_case() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into repeat_queue (workspace_id, customer_id, case_id, kind)
    values (new.workspace_id, new.customer_id, new.id, 'created');
  elsif old.status in ('solved', 'closed') and new.status in ('new', 'open', 'pending', 'on_hold')
        and new.merged_into_case_id is null then
    insert into repeat_queue (workspace_id, customer_id, case_id, kind, solved_at)
    values (new.workspace_id, new.customer_id, new.id, 'reopened', old.updated_at);
  elsif new.status is distinct from old.status or new.sla_breached_at is distinct from old.sla_breached_at then
    -- Open-case counts and unanswered time are risk signals too.
    insert into repeat_queue (workspace_id, customer_id, case_id, kind)
    values (new.workspace_id, new.customer_id, new.id, 'message');
  end if;
  return null;
end $$;
create trigger repeat_queue_case after insert or update of status, sla_breached_at on cases
  for each row execute function repeat_queue_case();

create function repeat_queue_message() returns trigger language plpgsql as $$
begin
  insert into repeat_queue (workspace_id, customer_id, case_id, kind)
  select new.workspace_id, c.customer_id, c.id, 'message' from cases c where c.id = new.case_id;
  return null;
end $$;
create trigger repeat_queue_message after insert on messages
  for each row when (new.kind = 'customer') execute function repeat_queue_message();

create function repeat_queue_survey() returns trigger language plpgsql as $$
begin
  insert into repeat_queue (workspace_id, customer_id, case_id, kind)
  values (new.workspace_id, new.customer_id, new.case_id, 'survey');
  return null;
end $$;
create trigger repeat_queue_survey after insert or update of sentiment on survey_responses
  for each row execute function repeat_queue_survey();

-- Per customer: the risk score, its reasons with evidence, and since when they are at risk.
create table customer_risk (
  customer_id uuid primary key references customers(id) on delete cascade,
  workspace_id uuid not null references workspaces(id) on delete cascade,
  score integer not null check (score between 0 and 100),
  reasons jsonb not null default '[]',
  at_risk boolean not null default false,
  since timestamptz,
  updated_at timestamptz not null default now()
);
create index customer_risk_list_idx on customer_risk (workspace_id, score desc, customer_id)
  where at_risk;

-- Proactive cases opened by "Reach out": at most one open per customer (checked under a lock).
create table reach_outs (
  case_id uuid primary key references cases(id) on delete cascade,
  workspace_id uuid not null references workspaces(id) on delete cascade,
  customer_id uuid not null references customers(id) on delete cascade,
  created_by uuid,
  created_at timestamptz not null default now()
);
create index reach_outs_customer_idx on reach_outs (workspace_id, customer_id);
