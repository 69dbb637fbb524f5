-- Settings a team changes in the app instead of environment variables (issue 13, item 9).

-- The workspace's logo (a key in the attachments' file store) and time zone (IANA name).
-- Its business language is default_locale and its phone region default_region (0002).
alter table workspaces
  add column logo_key text,
  add column logo_type text,
  add column time_zone text not null default 'UTC' check (length(time_zone) between 1 and 64);

-- Outgoing mail per workspace. A missing row, or one without smtp_host, means the environment's
-- SMTP_URL and MAIL_FROM apply. The relay password is sealed (platform/sealed.ts) like IMAP's.
create table mail_settings (
  workspace_id uuid primary key references workspaces (id) on delete cascade,
  smtp_host text check (length(smtp_host) between 1 and 255),
  smtp_port integer check (smtp_port between 1 and 65535),
  smtp_security text not null default 'starttls' check (smtp_security in ('none', 'starttls', 'tls')),
  smtp_user text,
  smtp_password_enc text,
  from_name text,
  from_address text,
  -- Appended below every agent reply sent by email.
  signature text,
  updated_at timestamptz not null default now()
);

-- A person's picture in this workspace (memberships already carry their UI language, `locale`).
alter table memberships
  add column avatar_key text,
  add column avatar_type text;

-- An admin may take back an invitation before it is used; its link then stops working.
alter table invitations add column revoked_at timestamptz;
