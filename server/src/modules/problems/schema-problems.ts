import type { ColumnType, Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.ts";

/** Kysely's view of the problems tables (migration 0020). Keep in step with the SQL. */
type Json<T> = ColumnType<T, string | undefined, string>;

export interface ProblemNumbersTable {
  workspace_id: string;
  last_number: number;
}

export interface ProblemsTable {
  id: Generated<string>;
  workspace_id: string;
  number: number;
  title: string;
  description: Generated<string>;
  status: Generated<string>;
  public_title: string | null;
  public_workaround: string | null;
  affected_products: Json<{ model: string; firmware?: string | undefined }[]>;
  owner_id: string | null;
  team_id: string | null;
  created_by_user_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProblemCasesTable {
  workspace_id: string;
  problem_id: string;
  case_id: string;
  linked_at: Timestamp;
  linked_by: string | null;
  reason: string | null;
}

export interface ProblemEscalationsTable {
  workspace_id: string;
  problem_id: string;
  escalation_id: string;
  linked_at: Timestamp;
}

export interface ProblemEventsTable {
  id: Generated<number>;
  workspace_id: string;
  problem_id: string;
  kind: string;
  actor_user_id: string | null;
  actor_name: string | null;
  data: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

export interface ProblemUpdatesTable {
  id: Generated<string>;
  workspace_id: string;
  problem_id: string;
  body: string;
  solve_waiting: boolean;
  sender_user_id: string;
  sender_name: string;
  author_user_id: string;
  audience_count: number;
  excluded_count: number;
  created_at: Timestamp;
  finished_at: Date | null;
}

export interface ProblemUpdateDeliveriesTable {
  workspace_id: string;
  update_id: string;
  case_id: string;
  status: Generated<"pending" | "sent" | "skipped">;
  skip_reason: string | null;
  message_id: string | null;
  done_at: Date | null;
}

export interface ProblemOptOutsTable {
  workspace_id: string;
  problem_id: string;
  customer_id: string;
  created_at: Timestamp;
}

export interface ProblemTables {
  problem_numbers: ProblemNumbersTable;
  problems: ProblemsTable;
  problem_cases: ProblemCasesTable;
  problem_escalations: ProblemEscalationsTable;
  problem_events: ProblemEventsTable;
  problem_updates: ProblemUpdatesTable;
  problem_update_deliveries: ProblemUpdateDeliveriesTable;
  problem_opt_outs: ProblemOptOutsTable;
}
export type ProblemTenantTable = keyof ProblemTables;
