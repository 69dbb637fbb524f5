-- Foundation: workspaces (tenants), people and their roles, API tokens, the audit log,
-- and Better Auth's own tables, which live apart in the `auth` schema.

create schema if not exists auth;

-- Better Auth (identities, credentials, sessions, one-time links, login rate limits).
-- Column names are Better Auth's; do not rename them.
create table auth."user" (
  "id" text not null primary key,
  "name" text not null,
  "email" text not null unique,
  "emailVerified" boolean not null,
  "image" text,
  "createdAt" timestamptz default current_timestamp not null,
  "updatedAt" timestamptz default current_timestamp not null
);
create table auth."session" (
  "id" text not null primary key,
  "expiresAt" timestamptz not null,
  "token" text not null unique,
  "createdAt" timestamptz default current_timestamp not null,
  "updatedAt" timestamptz not null,
  "ipAddress" text,
  "userAgent" text,
  "userId" text not null references auth."user" ("id") on delete cascade
);
create index "session_userId_idx" on auth."session" ("userId");
create table auth."account" (
  "id" text not null primary key,
  "accountId" text not null,
  "providerId" text not null,
  "userId" text not null references auth."user" ("id") on delete cascade,
  "accessToken" text,
  "refreshToken" text,
  "idToken" text,
  "accessTokenExpiresAt" timestamptz,
  "refreshTokenExpiresAt" timestamptz,
  "scope" text,
  "password" text,
  "createdAt" timestamptz default current_timestamp not null,
  "updatedAt" timestamptz not null
);
create index "account_userId_idx" on auth."account" ("userId");
create table auth."verification" (
  "id" text not null primary key,
  "identifier" text not null,
  "value" text not null,
  "expiresAt" timestamptz not null,
  "createdAt" timestamptz default current_timestamp not null,
  "updatedAt" timestamptz default current_timestamp not null
);
create index "verification_identifier_idx" on auth."verification" ("identifier");
create table auth."rateLimit" (
  "id" text not null primary key,
  "key" text not null unique,
  "count" integer not null,
  "lastRequest" bigint not null
);

-- The tenant. Every Rapport table below carries workspace_id.
create table workspaces (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 120),
  -- Optional host name that serves this workspace's public pages (multi-workspace installs).
  host text unique,
  default_locale text not null default 'en',
  created_at timestamptz not null default now()
);

-- A person's role in one workspace. One login (auth.user) may belong to several workspaces.
create table memberships (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  user_id text not null references auth."user" ("id") on delete cascade,
  role text not null check (role in ('admin', 'agent', 'customer', 'engineer', 'moderator')),
  status text not null default 'active' check (status in ('active', 'deactivated')),
  locale text,
  created_at timestamptz not null default now(),
  unique (workspace_id, user_id)
);
create index memberships_page_idx on memberships (workspace_id, created_at, id);
create index memberships_user_idx on memberships (user_id);

-- API tokens: only a SHA-256 of the token is kept; the token itself is shown once.
create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  user_id text not null references auth."user" ("id") on delete cascade,
  name text not null check (length(name) between 1 and 100),
  token_hash text not null unique,
  token_prefix text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_page_idx on api_tokens (workspace_id, created_at desc, id desc);

-- Who did what. Append-only.
create table audit_log (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  actor_user_id text,
  action text not null,
  subject_type text,
  subject_id text,
  data jsonb not null default '{}',
  request_id text,
  created_at timestamptz not null default now()
);
create index audit_log_page_idx on audit_log (workspace_id, id desc);
