/** Kysely's view of the audit chain heads (migration 0073). Keep in step with the SQL. */
export interface AuditChainHeadsTable {
  workspace_id: string;
  last_seq: number;
  last_hash: string;
}
