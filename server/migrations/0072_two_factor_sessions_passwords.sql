-- Issue #23 (sign-in): two-factor authentication, sessions and the password policy.

-- Better Auth's two-factor plugin: one row per enrolled (or enrolling) login. Column names are
-- Better Auth's; do not rename them. `secret` is the TOTP key sealed by Better Auth with the
-- auth secret (symmetricEncrypt); `backupCodes` holds keyed hashes of the recovery codes
-- (platform/auth/recovery-codes.ts), never the codes themselves.
alter table auth."user" add column "twoFactorEnabled" boolean default false;
create table auth."twoFactor" (
  "id" text not null primary key,
  "secret" text not null,
  "backupCodes" text not null,
  "userId" text not null references auth."user" ("id") on delete cascade,
  "verified" boolean default true,
  "failedVerificationCount" integer default 0,
  "lockedUntil" timestamptz
);
create index "twoFactor_secret_idx" on auth."twoFactor" ("secret");
create index "twoFactor_userId_idx" on auth."twoFactor" ("userId");

-- A login that turns 2FA on or off changes what the required-2FA gate lets it do; cached
-- actors are dropped at once, as for a name change (0009).
create trigger users_two_factor_change after update of "twoFactorEnabled"
  on auth."user" for each statement execute function notify_auth_change();

-- The workspace's sign-in rules. No row means the defaults: no role must use 2FA and
-- passwords need 10 characters.
create table workspace_security_settings (
  workspace_id uuid primary key references workspaces on delete cascade,
  require_two_factor_roles text[] not null default '{}',
  password_min_length integer not null default 10 check (password_min_length between 10 and 128),
  updated_at timestamptz not null default now()
);
create trigger workspace_security_settings_auth_change after insert or update or delete
  on workspace_security_settings for each statement execute function notify_auth_change();
