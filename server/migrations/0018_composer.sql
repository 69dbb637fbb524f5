-- The composer (issue 13): CC/BCC on replies (remembered on the case), per-agent signatures,
-- and forwards of a message to someone outside the case.
alter table messages
  add column email_cc text[] not null default '{}',
  add column email_bcc text[] not null default '{}';

-- The last reply's CC/BCC, pre-filled in the composer for the next reply.
alter table cases
  add column reply_cc text[] not null default '{}',
  add column reply_bcc text[] not null default '{}';

create table agent_signatures (
  workspace_id uuid not null references workspaces(id) on delete cascade,
  user_id text not null references auth."user" ("id") on delete cascade,
  body text not null,
  updated_at timestamptz not null default now(),
  primary key (workspace_id, user_id)
);

-- A message sent on to an outside address, delivered by the email.send job like replies.
create table message_forwards (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces(id) on delete cascade,
  message_id uuid not null references messages(id) on delete cascade,
  to_address text not null,
  note text,
  author_name text not null,
  status text not null default 'queued' check (status in ('queued', 'sent', 'failed')),
  error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index message_forwards_message on message_forwards (message_id);
