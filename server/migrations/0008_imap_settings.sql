-- IMAP settings an admin edits in Settings → Email: which mailbox (folder) to poll, whether
-- polling is on (settings are kept while paused), and what the last poll brought.
alter table support_addresses
  add column imap_mailbox text not null default 'INBOX' check (length(imap_mailbox) between 1 and 200),
  add column imap_enabled boolean not null default true,
  add column imap_last_fetched integer,
  add column imap_last_stored integer;

-- Mail Rapport writes itself (sign-in links, invitations, acknowledgements, notifications)
-- takes the same road as agent replies: a row here (the outbox), sent by the `email.send` job
-- with retries, failures shown to admins, waiting while no relay is configured.
create table outbound_mail (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  kind text not null check (kind in ('sign_in_link', 'invitation', 'acknowledgement', 'notification')),
  to_address text not null,
  subject text not null,
  body text not null,
  -- from {name,address}, replyTo, inReplyTo, references: threading for mail about a case.
  headers jsonb not null default '{}',
  status text not null default 'queued' check (status in ('queued', 'sent', 'failed', 'expired')),
  error text,
  -- One-time links are useless after this; such mail is not sent late.
  expires_at timestamptz,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index outbound_mail_status_idx on outbound_mail (workspace_id, status, created_at desc);
