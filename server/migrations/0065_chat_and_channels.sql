-- The chat widget and messaging channels (issue #22, modules/chat and modules/channels).
-- Chats and channel messages are cases like any other (channel 'chat' or 'social'); these
-- tables hold only what the widget and the channels add around a case.

-- Two more kinds of identity: 'social' is a messaging channel's user ('<channel id>:<external
-- user id>'), 'external' is a host application's user id, proven by an HMAC-signed identity
-- from the chat widget (and, later, an imported helpdesk's external id).
alter table customer_identities drop constraint customer_identities_kind_check;
alter table customer_identities add constraint customer_identities_kind_check
  check (kind in ('email', 'phone', 'account', 'social', 'external'));

-- The workspace's chat widget. `public_key` is what the embed snippet carries: it can start a
-- conversation and nothing else. `identity_secret` (sealed, purpose 'chat-identity') signs
-- the host site's identities. An empty `allowed_origins` allows every origin.
create table chat_widgets (
  workspace_id uuid primary key references workspaces (id) on delete cascade,
  public_key text not null unique,
  identity_secret text not null,
  enabled boolean not null default true,
  allowed_origins text[] not null default '{}',
  prechat_form boolean not null default true,
  greeting text not null default 'Hi! How can we help?' check (length(greeting) <= 500),
  accent_color text not null default '#1c64d8' check (accent_color ~ '^#[0-9a-fA-F]{6}$'),
  team_id uuid references teams (id) on delete set null,
  business_calendar_id uuid references business_calendars (id) on delete set null,
  missed_after_seconds int not null default 120 check (missed_after_seconds between 10 and 86400),
  default_chat_capacity int not null default 3 check (default_chat_capacity between 0 and 50),
  updated_at timestamptz not null default now()
);

-- A browser (or app) that opened the widget. The visitor's token lives in the widget's own
-- storage; only its hash is kept. `verified_user_id` is set only by a verified signature.
-- customer_id has no foreign key: it is set when a chat starts, while cases and customers
-- may be locked by other work (see docs/ARCHITECTURE.md, "foreign keys and locks").
create table chat_visitors (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  token_hash text not null unique,
  customer_id uuid,
  verified_user_id text check (length(verified_user_id) <= 200),
  name text check (length(name) <= 200),
  email text check (length(email) <= 320),
  email_verified boolean not null default false,
  current_url text check (length(current_url) <= 2000),
  current_title text check (length(current_title) <= 300),
  attributes jsonb not null default '{}',
  user_agent text check (length(user_agent) <= 500),
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  ended_at timestamptz
);
create index chat_visitors_user_idx on chat_visitors (workspace_id, verified_user_id)
  where verified_user_id is not null;
create index chat_visitors_customer_idx on chat_visitors (workspace_id, customer_id)
  where customer_id is not null;

-- One chat: a case of channel 'chat' and the visitor who started it. `status`: waiting (no
-- agent has replied), active, offline (no one was available, or the visitor left: replies
-- go by email to `offline_email`), ended. Read receipts are the two read_at marks.
create table chat_conversations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  visitor_id uuid not null references chat_visitors (id) on delete cascade,
  case_id uuid not null unique references cases (id) on delete cascade,
  topic text check (length(topic) <= 200),
  status text not null default 'waiting' check (status in ('waiting', 'active', 'offline', 'ended')),
  started_at timestamptz not null default now(),
  first_reply_at timestamptz,
  missed_at timestamptz,
  offline_email text check (length(offline_email) <= 320),
  visitor_read_at timestamptz,
  agent_read_at timestamptz,
  ended_at timestamptz
);
create index chat_conversations_visitor_idx on chat_conversations (visitor_id, started_at desc);
create index chat_conversations_unanswered_idx on chat_conversations (started_at)
  where first_reply_at is null and missed_at is null;

-- How many chats an agent takes at once; without a row, the widget's default_chat_capacity.
create table chat_agent_settings (
  membership_id uuid primary key references memberships (id) on delete cascade,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  capacity int not null check (capacity between 0 and 50),
  updated_at timestamptz not null default now()
);

-- Proactive messages: shown after `delay_seconds` on pages matching `url_pattern` (trigger
-- 'page'), or when the host app calls Rapport.track(event_name) (trigger 'event').
-- audience 'affected' shows it only to verified visitors owning a device affected by
-- `problem_id` (the problems module decides who is affected).
create table chat_proactive_messages (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  name text not null check (length(name) between 1 and 200),
  body text not null check (length(body) between 1 and 1000),
  trigger text not null check (trigger in ('page', 'event')),
  url_pattern text check (length(url_pattern) <= 500),
  delay_seconds int not null default 0 check (delay_seconds between 0 and 3600),
  event_name text check (length(event_name) <= 100),
  audience text not null default 'everyone' check (audience in ('everyone', 'verified', 'affected')),
  problem_id uuid,
  enabled boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index chat_proactive_messages_ws_idx on chat_proactive_messages (workspace_id);

-- A messaging channel (social, SMS, a messaging app bridged by a small adapter). Its inbound
-- endpoint takes a Bearer token (hash kept); replies go to `outbound_url`, signed with
-- `signing_secret` (sealed, purpose 'channel-secret') as webhooks are.
create table messaging_channels (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  name text not null check (length(name) between 1 and 200),
  kind text not null check (kind in ('messaging', 'sms')),
  token_hash text not null unique,
  outbound_url text check (length(outbound_url) <= 2000),
  signing_secret text not null,
  settings jsonb not null default '{}',
  enabled boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index messaging_channels_ws_idx on messaging_channels (workspace_id);

-- One case per external thread of a channel.
create table channel_threads (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  channel_id uuid not null references messaging_channels (id) on delete cascade,
  external_thread_id text not null check (length(external_thread_id) between 1 and 500),
  case_id uuid not null references cases (id) on delete cascade,
  customer_id uuid not null,
  created_at timestamptz not null default now(),
  unique (channel_id, external_thread_id)
);
create index channel_threads_case_idx on channel_threads (case_id);

-- Each message in or out of a channel. Inbound duplicates (same external message id) are
-- ignored; outbound rows carry the delivery state shown beside the reply.
create table channel_messages (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  channel_id uuid not null references messaging_channels (id) on delete cascade,
  thread_id uuid not null references channel_threads (id) on delete cascade,
  message_id uuid not null references messages (id) on delete cascade,
  direction text not null check (direction in ('in', 'out')),
  external_message_id text check (length(external_message_id) <= 500),
  status text not null check (status in ('received', 'queued', 'sent', 'failed')),
  attempts int not null default 0,
  last_error text,
  created_at timestamptz not null default now(),
  delivered_at timestamptz
);
create unique index channel_messages_inbound_idx on channel_messages (channel_id, external_message_id)
  where direction = 'in';
create index channel_messages_message_idx on channel_messages (message_id);

-- A call's recording and transcript, given when the phone system ends the call.
alter table calls add column recording_url text check (length(recording_url) <= 2000);
alter table calls add column transcript text check (length(transcript) <= 200000);
