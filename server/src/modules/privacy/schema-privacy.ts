import type { Generated } from "kysely";

/** Kysely's view of the erasure, legal hold and retention tables (migration 0075). */
export interface ErasureRequestsTable {
  id: Generated<string>;
  workspace_id: string;
  customer_id: string;
  requested_by: string;
  requested_at: Generated<Date>;
  status: Generated<"pending" | "completed">;
  attempts: Generated<number>;
  last_error: string | null;
  file_keys: Generated<string[]>;
  completed_at: Date | null;
}

export interface LegalHoldsTable {
  id: Generated<string>;
  workspace_id: string;
  customer_id: string | null;
  case_id: string | null;
  reason: string;
  placed_by: string;
  placed_by_name: string;
  placed_at: Generated<Date>;
  released_at: Date | null;
  released_by_name: string | null;
}

export interface RetentionPoliciesTable {
  workspace_id: string;
  closed_case_days: number | null;
  raw_email_days: number | null;
  snapshot_days: number | null;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

export interface RetentionRunsTable {
  id: Generated<string>;
  workspace_id: string;
  trigger: "schedule" | "manual";
  started_by_name: string | null;
  started_at: Generated<Date>;
  finished_at: Date | null;
  cases_deleted: Generated<number>;
  files_deleted: Generated<number>;
  raw_emails_deleted: Generated<number>;
  snapshots_deleted: Generated<number>;
  held_skipped: Generated<number>;
}

export interface PrivacyTables {
  erasure_requests: ErasureRequestsTable;
  legal_holds: LegalHoldsTable;
  retention_policies: RetentionPoliciesTable;
  retention_runs: RetentionRunsTable;
}

export type PrivacyTenantTable = "erasure_requests" | "legal_holds" | "retention_policies" | "retention_runs";
