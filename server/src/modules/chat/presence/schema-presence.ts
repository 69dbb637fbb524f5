import type { Generated } from "kysely";
import type { Timestamp } from "../../../platform/db/schema.ts";

/** Kysely's view of staff presence (migration 0067). Keep in step with the SQL. */
export interface StaffPresenceTable {
  id: Generated<string>;
  workspace_id: string;
  membership_id: string;
  connected_at: Timestamp;
  last_seen_at: Timestamp;
}
