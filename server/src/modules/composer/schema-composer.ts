import type { ColumnType, Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.ts";

/** Kysely's view of the composer's tables (migration 0018). Keep in step with the SQL. */
export interface AgentSignaturesTable {
  workspace_id: string;
  user_id: string;
  /** Markdown, appended to the agent's email replies (never to notes). */
  body: string;
  updated_at: Timestamp;
}

export interface MessageForwardsTable {
  id: Generated<string>;
  workspace_id: string;
  message_id: string;
  to_address: string;
  note: string | null;
  author_name: string;
  status: ColumnType<"queued" | "sent" | "failed", "queued" | undefined, "queued" | "sent" | "failed">;
  error: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  sent_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}
