-- Email channel: support addresses, every inbound message stored raw before it is accepted,
-- threading ids on messages, reply tokens on cases, and outbound delivery state.

create table support_addresses (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  address text not null unique check (address = lower(address)),
  display_name text,
  last_received_at timestamptz,
  created_at timestamptz not null default now()
);

-- The raw message is written here, with its checksum, before SMTP answers 250 (or the API 202).
-- Processing (parse, thread, create or update the case) is a retried job that flips status in
-- the same transaction as its effects, so a crash at any moment neither loses nor doubles mail.
create table inbound_emails (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  received_via text not null check (received_via in ('smtp', 'api', 'imap')),
  envelope_from text,
  envelope_to text[] not null default '{}',
  message_id text,
  sha256 text not null,
  size integer not null,
  raw bytea not null,
  status text not null default 'received' check (status in ('received', 'processed', 'ignored', 'failed')),
  kind text check (kind in ('message', 'auto_reply', 'bounce')),
  error text,
  case_id uuid references cases (id) on delete set null,
  received_at timestamptz not null default now(),
  processed_at timestamptz
);
create unique index inbound_emails_message_id_idx on inbound_emails (workspace_id, message_id) where message_id is not null;
create unique index inbound_emails_sha_idx on inbound_emails (workspace_id, sha256) where message_id is null;
create index inbound_emails_status_idx on inbound_emails (workspace_id, status, received_at desc);

alter table cases add column reply_token text;
create unique index cases_reply_token_idx on cases (reply_token) where reply_token is not null;

alter table messages
  add column email_message_id text,
  add column email_in_reply_to text,
  add column email_references text[] not null default '{}',
  add column body_html text,
  add column from_address text,
  add column flagged text,
  add column inbound_email_id uuid references inbound_emails (id) on delete set null,
  add column delivery_status text check (delivery_status in ('queued', 'sent', 'failed')),
  add column delivery_error text,
  add column delivered_at timestamptz;
create index messages_email_id_idx on messages (workspace_id, email_message_id) where email_message_id is not null;
create index messages_outbox_idx on messages (workspace_id, delivery_status) where delivery_status in ('queued', 'failed');

-- Automatic mail sent per address, to cap it per hour (loop protection).
create table auto_mail_log (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  address text not null,
  sent_at timestamptz not null default now()
);
create index auto_mail_log_idx on auto_mail_log (workspace_id, address, sent_at desc);
