import type { ColumnType, Generated } from "kysely";
import type { Timestamp } from "./schema.ts";

/**
 * Kysely's view of the diagnostics, playbook, escalation and webhook tables (migrations 0004,
 * 0006, 0007, 0014). Keep in step with the SQL.
 */
export interface DiagnosticSnapshotsTable {
  id: Generated<string>;
  workspace_id: string;
  customer_id: string;
  device_id: string | null;
  case_id: string | null;
  source: "device" | "app" | "browser" | "agent";
  data: ColumnType<unknown, string, string>;
  size_bytes: number;
  masked_paths: ColumnType<string[], string[] | undefined, string[]>;
  summary: string;
  submitted_by: string | null;
  submitted_by_name: string | null;
  code_id: string | null;
  /** The playbook run the snapshot was sent for (migration 0014). */
  run_id: ColumnType<string | null, string | null | undefined, string | null>;
  captured_at: Timestamp;
}

export interface DiagnosticCodesTable {
  id: Generated<string>;
  workspace_id: string;
  code_hash: string;
  customer_id: string;
  case_id: string | null;
  device_serial: string | null;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Date;
  used_at: Date | null;
  snapshot_id: string | null;
  /** The playbook run the code was issued for (migration 0014). */
  run_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface EscalationsTable {
  id: Generated<string>;
  workspace_id: string;
  case_id: string;
  customer_id: string;
  summary: string;
  question: string;
  status: ColumnType<"open" | "answered" | "closed", "open" | "answered" | "closed" | undefined>;
  created_by: string | null;
  created_by_name: string;
  assignee_id: string | null;
  findings: string | null;
  findings_by_name: string | null;
  findings_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Date | null;
  /** The playbook run escalated, at most one escalation per run (migration 0014). */
  run_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CaseTasksTable {
  id: Generated<string>;
  workspace_id: string;
  case_id: string;
  escalation_id: string | null;
  title: string;
  detail: string | null;
  status: ColumnType<"open" | "done", "open" | "done" | undefined>;
  created_by: string | null;
  created_by_name: string;
  created_at: Timestamp;
  done_by: string | null;
  done_by_name: string | null;
  done_at: Date | null;
}

export interface WebhookEndpointsTable {
  id: Generated<string>;
  workspace_id: string;
  url: string;
  secret_sealed: string;
  event_types: ColumnType<string[], string[], string[]>;
  description: string | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: Generated<string>;
  workspace_id: string;
  endpoint_id: string;
  event_type: string;
  body: string;
  status: ColumnType<"pending" | "delivered" | "failed", "pending" | undefined>;
  attempts: ColumnType<number, number | undefined>;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Timestamp;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
}

export interface PlaybooksTable {
  id: Generated<string>;
  workspace_id: string;
  slug: string;
  name: string;
  topics: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlaybookVersionsTable {
  id: Generated<string>;
  workspace_id: string;
  playbook_id: string;
  version: number;
  status: "draft" | "published";
  definition: ColumnType<unknown, string, string>;
  created_by: string | null;
  created_at: Timestamp;
  published_at: Date | null;
}

export interface PlaybookRunsTable {
  id: Generated<string>;
  workspace_id: string;
  playbook_id: string;
  version_id: string;
  customer_id: string;
  case_id: string | null;
  mode: "agent" | "self_service";
  status: Generated<"open" | "resolved" | "escalate" | "known_problem" | "abandoned">;
  current_step_id: string | null;
  started_by: string | null;
  started_by_name: string | null;
  started_at: Timestamp;
  last_activity_at: Timestamp;
  ended_at: Date | null;
}

export interface PlaybookRunStepsTable {
  id: Generated<string>;
  workspace_id: string;
  run_id: string;
  seq: number;
  step_id: string;
  kind: string;
  title: string;
  shown_at: Timestamp;
  answered_at: Date | null;
  answer: string | null;
  snapshot_id: string | null;
  outcome: string | null;
  answered_by_name: string | null;
}
