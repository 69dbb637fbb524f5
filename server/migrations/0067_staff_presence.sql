-- Agents online for chat (issue #22, modules/chat/presence): one row per open staff realtime
-- socket, in the database so every app process sees the agents connected to the others.
-- Written when the socket connects, refreshed at most once a minute while it lives, deleted
-- when it closes. A process that dies leaves its rows behind; they simply stop counting two
-- minutes later (online = seen within 2 minutes) and the chat sweep deletes them.
create table staff_presence (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  membership_id uuid not null references memberships (id) on delete cascade,
  connected_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now()
);
create index staff_presence_member_idx on staff_presence (workspace_id, membership_id, last_seen_at desc);


-- The chat sweep (every minute) starts from the workspaces with open chats.
create index chat_conversations_open_idx on chat_conversations (workspace_id) where status in ('waiting', 'active');

-- Help before a chat (chat/deflection): a widget visitor has no customer record until a chat
-- starts, yet the suggestions they saw and a deflection they report belong in the help
-- center's own measures. Their request sessions and deflections name the visitor instead
-- (and the customer too, when the visitor already has one). `last_query` keeps what the
-- visitor last typed, which a deflection records as its query.
alter table help_request_sessions alter column customer_id drop not null;
alter table help_request_sessions add column chat_visitor_id uuid references chat_visitors (id) on delete cascade;
alter table help_request_sessions add column last_query text check (length(last_query) <= 500);
alter table help_request_sessions add constraint help_request_sessions_who_check
  check (customer_id is not null or chat_visitor_id is not null);
alter table help_deflections alter column customer_id drop not null;
alter table help_deflections add column chat_visitor_id uuid references chat_visitors (id) on delete cascade;
alter table help_deflections add constraint help_deflections_who_check
  check (customer_id is not null or chat_visitor_id is not null);
