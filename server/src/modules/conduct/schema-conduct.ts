import type { ColumnType, Generated } from "kysely";

/** Kysely's view of the conduct tables (issue #20, migration 0053; docs/conduct-api.md). */
export interface ConductSettingsTable {
  workspace_id: string;
  half_life_days: Generated<number>;
  review_threshold: ColumnType<string, string | number | undefined, string | number>;
  frustration_raises_priority: Generated<boolean>;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

export type AssessmentOutcome = "neutral" | "frustrated" | "abusive";
/** A customer message, a customer's community post, or a call's note (0058). */
export type AssessmentSource = "message" | "community_post" | "call_note";

export interface TextAssessmentsTable {
  id: Generated<string>;
  workspace_id: string;
  source: AssessmentSource;
  source_id: string;
  customer_id: string | null;
  case_id: string | null;
  outcome: AssessmentOutcome | null;
  signals: ColumnType<unknown, string | undefined, string>;
  mask_spans: ColumnType<unknown, string | undefined, string>;
  model: string;
  assessed_at: Generated<Date>;
  error: string | null;
  verdict: "abusive" | "not_abusive" | null;
  verdict_by: string | null;
  verdict_at: Date | null;
}

export interface AssessmentQueueTable {
  id: Generated<string>;
  workspace_id: string;
  source: AssessmentSource;
  source_id: string;
  queued_at: Generated<Date>;
}

export type ConductStepKind = "warning" | "restricted" | "suspended" | "ended";

export interface ConductStepsTable {
  id: Generated<string>;
  workspace_id: string;
  customer_id: string;
  kind: ConductStepKind;
  reason: string;
  evidence: ColumnType<string[], string[] | undefined, string[]>;
  restrictions: ColumnType<unknown, string | null | undefined, string | null>;
  notice: string;
  notice_case_id: string | null;
  notice_message_id: string | null;
  decided_by: string | null;
  decided_at: Generated<Date>;
  expires_at: Date | null;
  lifted_at: Date | null;
  lifted_by: string | null;
  lift_reason: string | null;
  appeal_token_hash: string | null;
}

export interface ConductAppealsTable {
  id: Generated<string>;
  workspace_id: string;
  step_id: string;
  customer_id: string;
  body: string;
  received_at: Generated<Date>;
  assignee_id: string | null;
  outcome: "upheld" | "overturned" | null;
  response: string | null;
  decided_by: string | null;
  decided_at: Date | null;
}

export interface ConductTables {
  conduct_settings: ConductSettingsTable;
  text_assessments: TextAssessmentsTable;
  assessment_queue: AssessmentQueueTable;
  conduct_steps: ConductStepsTable;
  conduct_appeals: ConductAppealsTable;
}

export type ConductTenantTable = keyof ConductTables;
