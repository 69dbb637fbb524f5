-- Issue #23: OIDC single sign-on for staff. One configuration per workspace; the client secret
-- is sealed (platform/sealed.ts) so a database dump alone does not reveal it.
create table sso_settings (
  workspace_id uuid primary key references workspaces (id) on delete cascade,
  issuer text not null check (length(issuer) between 1 and 500),
  client_id text not null check (length(client_id) between 1 and 300),
  client_secret_enc text,
  allowed_domains text[] not null default '{}',
  jit_enabled boolean not null default false,
  jit_role text not null default 'agent' check (jit_role in ('admin', 'agent', 'engineer', 'moderator')),
  group_claim text,
  -- [{"group": "support-leads", "role": "admin" | null, "teamIds": [uuid, ...]}]
  group_mappings jsonb not null default '[]',
  require_sso boolean not null default false,
  break_glass_user_id text references auth."user" ("id") on delete set null,
  updated_at timestamptz not null default now(),
  -- Requiring SSO without someone who can still use a password would lock everyone out when the
  -- identity provider is down or misconfigured.
  constraint sso_require_needs_break_glass check (not require_sso or break_glass_user_id is not null)
);

-- One row per sign-in in flight: state, nonce and the PKCE verifier stay on the server, and the
-- browser only carries the state through the provider. Single use, short-lived.
create table sso_logins (
  state text primary key,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  nonce text not null,
  code_verifier text not null,
  created_at timestamptz not null default now()
);
create index sso_logins_workspace_idx on sso_logins (workspace_id, created_at);
