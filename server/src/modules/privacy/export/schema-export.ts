import type { Generated } from "kysely";

/** Kysely's view of the GDPR export table (migration 0074). */
export interface CustomerExportsTable {
  id: Generated<string>;
  workspace_id: string;
  customer_id: string;
  requested_by_user_id: string | null;
  requested_via: "staff" | "portal";
  status: Generated<ExportStatus>;
  file_key: string | null;
  size_bytes: string | number | null;
  token_hash: string | null;
  error: string | null;
  created_at: Generated<Date>;
  finished_at: Date | null;
  expires_at: Date | null;
  downloaded_at: Date | null;
}

export type ExportStatus = "queued" | "running" | "ready" | "failed" | "expired";

export interface ExportTables {
  customer_exports: CustomerExportsTable;
}

export type ExportTenantTable = "customer_exports";
