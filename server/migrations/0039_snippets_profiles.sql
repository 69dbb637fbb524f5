-- Empowered agents (issue #18), part "people": snippets and agent profiles.

-- A snippet is either personal (owner_id, one agent) or a team's (team_id, written by the
-- team's lead or an admin, read by its members). Snippets are offered, never required: there is
-- deliberately no column or setting that could make one mandatory.
create table snippets (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  owner_id uuid references memberships(id) on delete cascade,
  team_id uuid references teams(id) on delete cascade,
  title text not null check (length(title) between 1 and 120),
  body text not null check (length(body) between 1 and 10000),
  created_by uuid references memberships(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((owner_id is null) <> (team_id is null))
);
create index snippets_owner_idx on snippets (workspace_id, owner_id) where owner_id is not null;
create index snippets_team_idx on snippets (workspace_id, team_id) where team_id is not null;

-- What customers see of an agent: the name they go by, a short bio, the languages they answer
-- in and a personal sign-off. The photo is the membership's own (memberships.avatar_key).
create table agent_profiles (
  workspace_id uuid not null references workspaces(id) on delete cascade,
  membership_id uuid not null references memberships(id) on delete cascade,
  display_name text check (length(display_name) between 1 and 80),
  bio text not null default '' check (length(bio) <= 500),
  languages text[] not null default '{}',
  sign_off text not null default '' check (length(sign_off) <= 300),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, membership_id)
);

-- "Agents write in their own voice" (on by default). Nothing in Rapport rewrites an agent's
-- words either way; the setting decides whether the personal sign-off is appended to replies.
create table agent_people_settings (
  workspace_id uuid primary key references workspaces(id) on delete cascade,
  agent_personality boolean not null default true,
  updated_at timestamptz not null default now()
);
