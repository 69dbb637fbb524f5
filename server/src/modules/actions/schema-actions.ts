import type { ColumnType, Generated } from "kysely";
import type { ActionField } from "../../../../contracts/actions.ts";
import type { Timestamp } from "../../platform/db/schema.ts";

/** Kysely's view of actions, their runs and approvals (migration 0038). Keep in step with the SQL. */
type Json<T> = ColumnType<T, string | undefined, string>;
type MaybeTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type RunStatus = "pending_approval" | "running" | "succeeded" | "failed" | "refused";
export type ApprovalStatus = "pending" | "approved" | "refused";

export interface ActionsTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  icon: string | null;
  url: string;
  fields: Json<ActionField[]>;
  roles: string[];
  approval_field: string | null;
  approval_amount: number | null;
  secret_sealed: string;
  secret_preview: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: MaybeTime;
}

export interface ActionRunsTable {
  id: Generated<string>;
  workspace_id: string;
  action_id: string;
  case_id: string;
  customer_id: string;
  idempotency_key: string;
  status: RunStatus;
  input: Json<Record<string, unknown>>;
  result: Json<unknown> | null;
  error: string | null;
  attempts: Generated<number>;
  requested_by: string;
  requested_by_name: string;
  created_at: Timestamp;
  finished_at: MaybeTime;
  /** Stamped by a trigger (migration 0044) whenever the run enters `running`; null otherwise. */
  running_since: MaybeTime;
}

export interface ActionApprovalsTable {
  id: Generated<string>;
  workspace_id: string;
  run_id: string;
  status: Generated<ApprovalStatus>;
  amount: number;
  limit_amount: number;
  decided_by: string | null;
  decided_by_name: string | null;
  reason: string | null;
  created_at: Timestamp;
  decided_at: MaybeTime;
}

export interface ActionTables {
  actions: ActionsTable;
  action_runs: ActionRunsTable;
  action_approvals: ActionApprovalsTable;
}
export type ActionTenantTable = "actions" | "action_runs" | "action_approvals";
