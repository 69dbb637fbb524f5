import type { ColumnType, Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.ts";

/** Kysely's view of the messaging channels' tables (migration 0065). Keep in step with the SQL. */
export interface MessagingChannelsTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  kind: "messaging" | "sms";
  token_hash: string;
  outbound_url: string | null;
  /** Sealed (purpose "channel-secret"): signs outbound deliveries as webhooks are signed. */
  signing_secret: string;
  settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  enabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ChannelThreadsTable {
  id: Generated<string>;
  workspace_id: string;
  channel_id: string;
  external_thread_id: string;
  case_id: string;
  customer_id: string;
  created_at: Timestamp;
}

export type ChannelMessageStatus = "received" | "queued" | "sent" | "failed";

export interface ChannelMessagesTable {
  id: Generated<string>;
  workspace_id: string;
  channel_id: string;
  thread_id: string;
  message_id: string;
  direction: "in" | "out";
  external_message_id: string | null;
  status: ChannelMessageStatus;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: Date | null;
}

export interface ChannelTables {
  messaging_channels: MessagingChannelsTable;
  channel_threads: ChannelThreadsTable;
  channel_messages: ChannelMessagesTable;
}
export type ChannelTenantTable = keyof ChannelTables;
