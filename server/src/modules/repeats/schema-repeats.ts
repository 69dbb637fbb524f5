import type { ColumnType, Generated } from "kysely";

/** Kysely's view of the repeat-contact table (migration 0046; metrics and retention read it). */
export interface RepeatContactsTable {
  case_id: string;
  workspace_id: string;
  customer_id: string;
  previous_case_id: string;
  reason: "problem" | "signature" | "similar" | "link" | "reopen";
  agent_id: string | null;
  team_id: string | null;
  detected_at: Generated<Date>;
}

/** Private to the repeats part (migration 0048): what the repeats job still has to look at. */
export interface RepeatQueueTable {
  id: Generated<string>;
  workspace_id: string;
  customer_id: string;
  case_id: string | null;
  kind: "created" | "reopened" | "message" | "survey";
  solved_at: Date | null;
  queued_at: Generated<Date>;
}

export type RiskReason = {
  kind: "repeat_contacts" | "open_cases" | "language" | "unanswered" | "negative_survey" | "frustrated";
  points: number;
  /** One sentence a person reads: "2 repeat contacts in 30 days". */
  summary: string;
  evidence: Array<{ caseId: string | null; caseNumber: number | null; text: string }>;
};

/** Per customer: the latest risk score and why (migration 0048). */
export interface CustomerRiskTable {
  customer_id: string;
  workspace_id: string;
  score: number;
  reasons: ColumnType<RiskReason[], string, string>;
  at_risk: Generated<boolean>;
  since: Date | null;
  updated_at: Generated<Date>;
}

/** Proactive cases opened by "Reach out" (migration 0048). */
export interface ReachOutsTable {
  case_id: string;
  workspace_id: string;
  customer_id: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface RepeatTables {
  repeat_contacts: RepeatContactsTable;
  repeat_queue: RepeatQueueTable;
  customer_risk: CustomerRiskTable;
  reach_outs: ReachOutsTable;
}
export type RepeatTenantTable = "repeat_contacts" | "repeat_queue" | "customer_risk" | "reach_outs";
