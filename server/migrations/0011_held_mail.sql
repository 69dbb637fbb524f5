-- Issue #12: nothing received may be invisible, threading must not depend on processing order,
-- and files a rolled-back chunk saved must be found and removed.

-- Bulk and list mail (newsletters, system notifications) is held for an admin to review,
-- promote to a case or dismiss, instead of being dropped as an auto-reply.
alter table inbound_emails drop constraint inbound_emails_status_check;
alter table inbound_emails add constraint inbound_emails_status_check
  check (status in ('received', 'processed', 'ignored', 'failed', 'held'));
alter table inbound_emails drop constraint inbound_emails_kind_check;
alter table inbound_emails add constraint inbound_emails_kind_check
  check (kind in ('message', 'auto_reply', 'bounce', 'bulk'));
alter table inbound_emails
  add column held_reason text,
  -- Subject and From as parsed, so lists of held mail need not parse raw bytes.
  add column subject text,
  add column from_address text,
  -- Set when an admin promotes held mail: processing then treats it as a person's message.
  add column promoted_at timestamptz;

-- A root that arrives after its replies looks for the messages that answer it.
create index messages_in_reply_to_idx on messages (workspace_id, email_in_reply_to)
  where email_in_reply_to is not null;
create index messages_references_idx on messages using gin (email_references)
  where email_references <> '{}';

-- The orphaned-file collector asks "does any message list this storage key?" per key.
create index messages_attachment_keys_idx on messages using gin (attachments jsonb_path_ops)
  where attachments <> '[]'::jsonb;
