-- Staff protection (issue #20): the shared tables of the conduct pillar. Later migrations of
-- the pillar add what one part needs alone; these are the contract between the parts
-- (see docs/conduct-api.md).

-- Per-workspace settings. One row per workspace, created on first write; readers fall back to
-- these defaults when it is missing.
create table conduct_settings (
  workspace_id uuid primary key references workspaces (id) on delete cascade,
  -- A confirmed abusive message weighs 1 on the day it is confirmed and half as much after
  -- this many days, so one bad day fades.
  half_life_days integer not null default 90 check (half_life_days between 1 and 3650),
  -- Customers whose decayed score reaches this are listed in the managers' review queue.
  review_threshold numeric(6, 2) not null default 2 check (review_threshold > 0 and review_threshold <= 1000),
  -- Frustration is not a penalty: optionally it raises the case's priority.
  frustration_raises_priority boolean not null default false,
  updated_at timestamptz not null default now(),
  updated_by uuid references memberships (id) on delete set null
);

-- One assessment per inbound customer text: a case message (kind 'customer', any channel) or a
-- community post by a customer. Written by the `conduct.assess` job, never on the request path.
create table text_assessments (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  source text not null check (source in ('message', 'community_post')),
  source_id uuid not null,
  -- Whose words these are (moved by customer merges), and the case for a message.
  customer_id uuid references customers (id) on delete cascade,
  case_id uuid references cases (id) on delete cascade,
  -- null while the classifier failed on it: the text stays unassessed, never rejected.
  outcome text check (outcome in ('neutral', 'frustrated', 'abusive')),
  -- Which signals fired, so a person can see why: [{"kind","detail","text"?}].
  signals jsonb not null default '[]',
  -- Character ranges [start, end) of the body to mask in the agent's view (insults, slurs).
  mask_spans jsonb not null default '[]',
  model text not null,
  assessed_at timestamptz not null default now(),
  error text,
  -- A person's word on it: an agent marks a message abusive or clears a wrong flag.
  verdict text check (verdict in ('abusive', 'not_abusive')),
  verdict_by uuid references memberships (id) on delete set null,
  verdict_at timestamptz,
  unique (workspace_id, source, source_id)
);
create index text_assessments_customer_idx on text_assessments (workspace_id, customer_id, assessed_at desc)
  where outcome = 'abusive' or verdict is not null;
create index text_assessments_case_idx on text_assessments (case_id);

-- Texts waiting for the classifier, filled by triggers so every path that writes a customer's
-- words (email, portal, API, chat later, community) is covered without a hook in each.
create table assessment_queue (
  id bigserial primary key,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  source text not null check (source in ('message', 'community_post')),
  source_id uuid not null,
  queued_at timestamptz not null default now()
);
create index assessment_queue_ws_idx on assessment_queue (workspace_id, id);

create function assessment_queue_message() returns trigger language plpgsql as $$
begin
  if new.kind = 'customer' then
    insert into assessment_queue (workspace_id, source, source_id) values (new.workspace_id, 'message', new.id);
  end if;
  return null;
end $$;
create trigger assessment_queue_message after insert on messages
  for each row execute function assessment_queue_message();

create function assessment_queue_post() returns trigger language plpgsql as $$
begin
  if exists (select 1 from community_members m where m.id = new.author_member_id and not m.is_staff) then
    insert into assessment_queue (workspace_id, source, source_id) values (new.workspace_id, 'community_post', new.id);
  end if;
  return null;
end $$;
create trigger assessment_queue_post after insert on community_posts
  for each row execute function assessment_queue_post();

-- Each agent may turn masking off for themselves (on by default).
alter table memberships add column mask_abuse boolean not null default true;

-- The ladder: warning → restricted channels → suspension → ending the relationship. Decided
-- by a person, never automatically; a step is in force from decided_at until expires_at or
-- until lifted (a manager steps down).
create table conduct_steps (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  customer_id uuid not null references customers (id) on delete cascade,
  kind text not null check (kind in ('warning', 'restricted', 'suspended', 'ended')),
  reason text not null,
  -- The assessments the decision rests on (text_assessments ids).
  evidence bigint[] not null default '{}',
  -- For 'restricted': {"channels": ["email"], "agentMembershipId": uuid|null}.
  restrictions jsonb,
  -- The words the customer was sent, and where.
  notice text not null,
  notice_case_id uuid references cases (id) on delete set null,
  notice_message_id uuid references messages (id) on delete set null,
  decided_by uuid references memberships (id) on delete set null,
  decided_at timestamptz not null default now(),
  expires_at timestamptz,
  lifted_at timestamptz,
  lifted_by uuid references memberships (id) on delete set null,
  lift_reason text,
  -- The appeal link's secret, stored as a SHA-256 hex digest.
  appeal_token_hash text unique
);
create index conduct_steps_customer_idx on conduct_steps (workspace_id, customer_id, decided_at desc);

-- A customer's appeal of a step, answered by a different manager than the one who decided.
create table conduct_appeals (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  step_id uuid not null references conduct_steps (id) on delete cascade,
  customer_id uuid not null references customers (id) on delete cascade,
  body text not null,
  received_at timestamptz not null default now(),
  assignee_id uuid references memberships (id) on delete set null,
  outcome text check (outcome in ('upheld', 'overturned')),
  response text,
  decided_by uuid references memberships (id) on delete set null,
  decided_at timestamptz
);
create index conduct_appeals_open_idx on conduct_appeals (workspace_id, received_at) where outcome is null;
