-- IMAP polling per support address, for teams that keep an existing mailbox.
-- The password is stored encrypted (AES-256-GCM with a key derived from AUTH_SECRET).
alter table support_addresses
  add column imap_host text,
  add column imap_port integer check (imap_port between 1 and 65535),
  add column imap_secure boolean not null default true,
  add column imap_user text,
  add column imap_password_enc text,
  add column imap_last_polled_at timestamptz,
  add column imap_last_error text;
