-- Routing (issue #18, "customers who keep their agent"): who a new case goes to, and why.
-- Order on a new case: dedicated team -> preferred agent (if available, else their team) ->
-- first matching rule -> unassigned (since 0085 the SQL function routing_choose, called by the
-- case's insert; the TypeScript that first made this choice is gone).

-- Per agent: availability (set by the agent; "away" also outside their team's business hours,
-- computed at routing time, never stored) and capacity (max open cases; null = no limit).
-- No row = available with no limit.
create table routing_agents (
  membership_id uuid primary key references memberships(id) on delete cascade,
  workspace_id uuid not null references workspaces(id) on delete cascade,
  status text not null default 'available' check (status in ('available', 'away')),
  capacity integer check (capacity is null or capacity between 1 and 10000),
  updated_at timestamptz not null default now()
);
create index routing_agents_workspace_idx on routing_agents (workspace_id);

-- The workspace's routing settings: which agents customers may pick as their preferred agent
-- in the portal (null = every active agent).
create table routing_settings (
  workspace_id uuid primary key references workspaces(id) on delete cascade,
  pickable_agent_ids uuid[],
  updated_at timestamptz not null default now()
);

-- Per customer: a preferred agent and a dedicated team. Kept out of `customers` so the
-- customer row (read everywhere) stays as it is.
create table customer_routing (
  customer_id uuid primary key references customers(id) on delete cascade,
  workspace_id uuid not null references workspaces(id) on delete cascade,
  preferred_agent_id uuid references memberships(id) on delete set null,
  dedicated_team_id uuid references teams(id) on delete set null,
  updated_at timestamptz not null default now()
);
-- "Their customers" on the agent's home page.
create index customer_routing_agent_idx on customer_routing (workspace_id, preferred_agent_id)
  where preferred_agent_id is not null;

-- Per organization (customers.organization, matched exactly): a dedicated team.
create table organization_routing (
  workspace_id uuid not null references workspaces(id) on delete cascade,
  organization text not null check (length(organization) between 1 and 200),
  dedicated_team_id uuid not null references teams(id) on delete cascade,
  updated_at timestamptz not null default now(),
  primary key (workspace_id, organization)
);

-- Ordered rules: the first whose conditions all match gives the team; the strategy picks the
-- agent within it. conditions: {"channel"?,"language"?,"tag"?,"organization"?,"productModel"?}.
create table routing_rules (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  name text not null check (length(name) between 1 and 120),
  position integer not null default 0,
  conditions jsonb not null default '{}',
  team_id uuid not null references teams(id) on delete cascade,
  strategy text not null default 'round_robin' check (strategy in ('round_robin', 'least_loaded')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index routing_rules_workspace_idx on routing_rules (workspace_id, position, created_at);

-- Round robin needs each agent's most recent assignment: newest case per assignee, any status.
create index cases_assignee_created_idx on cases (workspace_id, assignee_id, created_at desc)
  where assignee_id is not null;
