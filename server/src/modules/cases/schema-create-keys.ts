import type { Timestamp } from "../../platform/db/schema.ts";

/** Kysely's view of the Idempotency-Key record of case creation (migration 0090). Keep in step with the SQL. */
export interface CaseCreateKeysTable {
  workspace_id: string;
  membership_id: string;
  key: string;
  request_hash: string;
  case_id: string | null;
  created_at: Timestamp;
}
