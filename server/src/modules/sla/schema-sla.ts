import type { ColumnType, Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.ts";

/** Kysely's view of the SLA tables (migration 0041). Keep in step with the SQL. */
type Json<T> = ColumnType<T, string | undefined, string>;

export type PolicyConditions = { priority?: string; organization?: string; plan?: string };
export type PolicyTargets = {
  firstReplyMinutes?: number;
  nextReplyMinutes?: number;
  resolutionMinutes?: number;
};

export interface SlaPoliciesTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  position: Generated<number>;
  conditions: Json<PolicyConditions>;
  targets: Json<PolicyTargets>;
  calendar: Generated<"team" | "always">;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface SlaOutcomesTable {
  id: Generated<string>;
  workspace_id: string;
  case_id: string;
  team_id: string | null;
  target: "first_reply" | "next_reply" | "resolution";
  outcome: "met" | "breached";
  due_at: Timestamp;
  at: Generated<Timestamp>;
}

export interface SlaNotificationsTable {
  id: Generated<string>;
  workspace_id: string;
  case_id: string;
  membership_id: string;
  kind: "warning" | "breached";
  created_at: Generated<Timestamp>;
  read_at: Timestamp | null;
}

export interface SlaTables {
  sla_policies: SlaPoliciesTable;
  sla_outcomes: SlaOutcomesTable;
  sla_notifications: SlaNotificationsTable;
}
export type SlaTenantTable = "sla_policies" | "sla_outcomes" | "sla_notifications";
