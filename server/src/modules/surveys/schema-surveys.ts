import type { Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.ts";

/**
 * Kysely's view of the survey tables (migration 0046, shared by every part of issue #19:
 * metrics and at-risk read `survey_responses`). Keep in step with the SQL.
 */
export interface RetentionSettingsTable {
  workspace_id: string;
  surveys_enabled: Generated<boolean>;
  survey_kinds: Generated<string[]>;
  csat_scale: Generated<"five" | "three">;
  survey_delay_minutes: Generated<number>;
  survey_throttle_days: Generated<number>;
  survey_window_days: Generated<number>;
  repeat_window_days: Generated<number>;
  updated_at: Generated<Date>;
}

export type SurveyKind = "csat" | "ces";
export type SurveySentiment = "positive" | "neutral" | "negative";

export interface SurveysTable {
  id: Generated<string>;
  workspace_id: string;
  case_id: string;
  customer_id: string;
  kind: SurveyKind;
  scale: "five" | "three" | "seven";
  channel: "email" | "portal";
  status: Generated<"scheduled" | "sent" | "responded" | "skipped" | "expired">;
  skip_reason: string | null;
  agent_id: string | null;
  team_id: string | null;
  send_at: Timestamp;
  sent_at: Timestamp | null;
  expires_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface SurveyResponsesTable {
  survey_id: string;
  workspace_id: string;
  case_id: string;
  customer_id: string;
  agent_id: string | null;
  team_id: string | null;
  kind: SurveyKind;
  rating: number;
  sentiment: SurveySentiment;
  comment: string | null;
  reason: "agent" | "product" | "policy" | "speed" | "other" | null;
  responded_at: Generated<Date>;
  updated_at: Generated<Date>;
}

// The private tables ride in the same lists, so platform/db/schema.ts needs no second entry.
export interface SurveyTables {
  retention_settings: RetentionSettingsTable;
  surveys: SurveysTable;
  survey_responses: SurveyResponsesTable;
  survey_links: SurveyLinksTable;
  survey_follow_ups: SurveyFollowUpsTable;
}
export type SurveyTenantTable =
  | "retention_settings"
  | "surveys"
  | "survey_responses"
  | "survey_links"
  | "survey_follow_ups";

/** Private to the surveys module (migration 0047). */
export interface SurveyLinksTable {
  survey_id: string;
  workspace_id: string;
  token_hash: string;
}

export interface SurveyFollowUpsTable {
  id: Generated<string>;
  workspace_id: string;
  case_id: string;
  survey_id: string;
  assignee_id: string;
  status: Generated<"open" | "done">;
  note: string | null;
  done_at: Date | null;
  created_at: Generated<Date>;
}
