import type { ColumnType, Generated } from "kysely";

/** Kysely's view of the import tables (migration 0082, issue #24). */
export interface ImportRunsTable {
  id: Generated<string>;
  workspace_id: string;
  source: string;
  base_url: string;
  dry_run: Generated<boolean>;
  since: Date | null;
  status: Generated<"queued" | "running" | "done" | "failed" | "cancelled">;
  resource: string | null;
  counts: ColumnType<ImportCounts, string | undefined, string>;
  report: ColumnType<DryRunReport, string | undefined, string>;
  error: string | null;
  credentials_sealed: string | null;
  started_by: string | null;
  runner: string | null;
  created_at: Generated<Date>;
  started_at: Date | null;
  heartbeat_at: Date | null;
  finished_at: Date | null;
}

export type ImportCounts = Record<
  string,
  { created: number; updated: number; skipped: number; failed: number }
>;
export type DryRunReport = Record<string, { count: number; examples: string[] }>;

export interface ImportCheckpointsTable {
  workspace_id: string;
  source: string;
  resource: string;
  checkpoint: string | null;
  caught_up: Generated<boolean>;
  updated_at: Generated<Date>;
}

export interface ImportIdsTable {
  workspace_id: string;
  source: string;
  kind: string;
  external_id: string;
  local_id: string;
}

export interface ImportSkipsTable {
  id: Generated<string>;
  workspace_id: string;
  run_id: string;
  resource: string;
  external_id: string;
  outcome: "skipped" | "failed";
  reason: string;
  created_at: Generated<Date>;
}

/** A scheduled delta sync of one account (migration 0086): sealed credentials and its clock. */
export interface ImportSyncsTable {
  workspace_id: string;
  source: string;
  base_url: string;
  every_minutes: number;
  credentials_sealed: string;
  next_at: Date;
  last_run_id: string | null;
  last_run_at: Date | null;
  enabled_by: string | null;
  created_at: Generated<Date>;
}

export interface ImportTables {
  import_runs: ImportRunsTable;
  import_checkpoints: ImportCheckpointsTable;
  import_ids: ImportIdsTable;
  import_skips: ImportSkipsTable;
  import_syncs: ImportSyncsTable;
}

export type ImportTenantTable = keyof ImportTables;
