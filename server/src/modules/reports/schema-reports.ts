import type { Generated } from "kysely";

/** Kysely's view of the support-metrics tables (migration 0049). */
export interface CaseMetricsTable {
  case_id: string;
  workspace_id: string;
  created_at: Date;
  team_id: string | null;
  agent_id: string | null;
  channel: string;
  tags: string[];
  customer_zone: string;
  business_day: string;
  customer_day: string;
  first_reply_at: Date | null;
  first_reply_business: string | null;
  first_reply_wall: string | null;
  next_reply_count: number;
  next_reply_business: string;
  next_reply_wall: string;
  resolved_at: Date | null;
  resolution_business: string | null;
  resolution_wall: string | null;
  reopen_count: number;
  replies_before_solve: number;
  one_touch: boolean;
  repeat_contact: boolean;
  csat_rating: number | null;
  csat_positive: boolean | null;
  ces_rating: number | null;
  ces_positive: boolean | null;
  computed_at: Generated<Date>;
}

/** Cases whose metrics must be recomputed (marked by triggers, drained by refresh.ts). */
export interface ReportDirtyCasesTable {
  case_id: string;
  workspace_id: string;
  marked_at: Generated<Date>;
}

type Sums = {
  workspace_id: string;
  day: string;
  clock: "business" | "customer";
  team_id: string | null;
  agent_id: string | null;
  channel: string;
  created: number;
  first_reply_count: number;
  first_reply_sum: string;
  next_reply_count: number;
  next_reply_sum: string;
  resolved: number;
  solved_once: number;
  resolution_sum: string;
  reopened: number;
  one_touch: number;
  repeat_contacts: number;
  csat_count: number;
  csat_positive: number;
  csat_sum: string;
  ces_count: number;
  ces_positive: number;
  ces_sum: string;
};
export type ReportDailyTable = Sums;
export type ReportDailyTagsTable = Sums & { tag: string };

/** An earlier solve of a case that a reopen undid (migration 0057; the backlog leaves it out). */
export interface CaseSolveSpansTable {
  case_id: string;
  workspace_id: string;
  solved_at: Date;
  reopened_at: Date;
}

export interface ReportTables {
  case_metrics: CaseMetricsTable;
  case_solve_spans: CaseSolveSpansTable;
  report_dirty_cases: ReportDirtyCasesTable;
  report_daily: ReportDailyTable;
  report_daily_tags: ReportDailyTagsTable;
}
export type ReportTenantTable =
  | "case_metrics"
  | "case_solve_spans"
  | "report_dirty_cases"
  | "report_daily"
  | "report_daily_tags";
