import type { ColumnType, Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.ts";
import type { StaffPresenceTable } from "./presence/schema-presence.ts";

/** Kysely's view of the chat widget's tables (migration 0065). Keep in step with the SQL. */
export interface ChatWidgetsTable {
  workspace_id: string;
  public_key: string;
  /** Sealed (purpose "chat-identity"): the HMAC key host sites sign identities with. */
  identity_secret: string;
  enabled: Generated<boolean>;
  allowed_origins: ColumnType<string[], string[] | undefined, string[]>;
  prechat_form: Generated<boolean>;
  greeting: Generated<string>;
  accent_color: Generated<string>;
  team_id: string | null;
  business_calendar_id: string | null;
  missed_after_seconds: Generated<number>;
  default_chat_capacity: Generated<number>;
  updated_at: Timestamp;
}

export interface ChatVisitorsTable {
  id: Generated<string>;
  workspace_id: string;
  token_hash: string;
  customer_id: string | null;
  verified_user_id: string | null;
  name: string | null;
  email: string | null;
  email_verified: Generated<boolean>;
  current_url: string | null;
  current_title: string | null;
  attributes: ColumnType<Record<string, unknown>, string | undefined, string>;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  ended_at: Date | null;
}

export type ChatStatus = "waiting" | "active" | "offline" | "ended";

export interface ChatConversationsTable {
  id: Generated<string>;
  workspace_id: string;
  visitor_id: string;
  case_id: string;
  topic: string | null;
  status: ColumnType<ChatStatus, ChatStatus | undefined, ChatStatus>;
  started_at: Timestamp;
  first_reply_at: Date | null;
  missed_at: Date | null;
  offline_email: string | null;
  visitor_read_at: Date | null;
  agent_read_at: Date | null;
  ended_at: Date | null;
}

export interface ChatAgentSettingsTable {
  membership_id: string;
  workspace_id: string;
  capacity: number;
  updated_at: Timestamp;
}

export interface ChatProactiveMessagesTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  body: string;
  trigger: "page" | "event";
  url_pattern: string | null;
  delay_seconds: Generated<number>;
  event_name: string | null;
  audience: ColumnType<
    "everyone" | "verified" | "affected",
    "everyone" | "verified" | "affected" | undefined,
    "everyone" | "verified" | "affected"
  >;
  problem_id: string | null;
  enabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ChatTables {
  chat_widgets: ChatWidgetsTable;
  chat_visitors: ChatVisitorsTable;
  chat_conversations: ChatConversationsTable;
  chat_agent_settings: ChatAgentSettingsTable;
  chat_proactive_messages: ChatProactiveMessagesTable;
  /** Migration 0067 (chat/presence): agents online for chat. */
  staff_presence: StaffPresenceTable;
}
export type ChatTenantTable = keyof ChatTables;
