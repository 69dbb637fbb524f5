-- One notification store for staff (issue #18): every module that tells an agent something
-- (approval requested/decided, SLA near-breach/breach, …) writes a row here in its own
-- transaction, and the bell in the app shell reads it.
create table staff_notifications (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  recipient_user_id text not null references auth."user" ("id") on delete cascade,
  -- Open set of dotted names (approval.requested, sla.breached, …) so a new module needs no migration.
  kind text not null check (kind ~ '^[a-z_]+(\.[a-z_]+)*$' and length(kind) <= 60),
  title text not null check (length(title) between 1 and 300),
  summary text check (length(summary) <= 1000),
  case_id uuid references cases(id) on delete cascade,
  -- An in-app path ("/app/cases/…") the item opens; null when the case link is enough.
  link text check (link like '/%' and length(link) <= 300),
  subject_type text not null,
  subject_id text not null,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  -- The same notice about the same subject reaches a person once, however often a caller retries.
  unique (workspace_id, recipient_user_id, kind, subject_id)
);
-- The bell: a person's newest first, and their unread count.
create index staff_notifications_list_idx
  on staff_notifications (workspace_id, recipient_user_id, created_at desc, id desc);
create index staff_notifications_unread_idx
  on staff_notifications (workspace_id, recipient_user_id) where read_at is null;

-- Kinds a person has muted: notifyStaff skips them for that person.
create table staff_notification_mutes (
  workspace_id uuid not null references workspaces(id) on delete cascade,
  user_id text not null references auth."user" ("id") on delete cascade,
  kind text not null check (kind ~ '^[a-z_]+(\.[a-z_]+)*$' and length(kind) <= 60),
  primary key (workspace_id, user_id, kind)
);
