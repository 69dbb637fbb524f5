import type { Generated } from "kysely";

/** Kysely's view of the audit chain heads (migration 0073). Keep in step with the SQL. */
export interface AuditChainHeadsTable {
  workspace_id: string;
  last_seq: number;
  last_hash: string;
}

/** The audit log's stream to a SIEM (migration 0079). Keep in step with the SQL. */
export interface AuditStreamsTable {
  workspace_id: string;
  url: string;
  secret_sealed: string;
  enabled: Generated<boolean>;
  delivered_seq: Generated<number>;
  last_attempt_at: Date | null;
  last_error: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
