import type { ColumnType } from "kysely";

/** Kysely's view of the reputation tables (migration 0028). Keep in step with the SQL. */
export interface CommunityReputationPeriodsTable {
  workspace_id: string;
  period: "week" | "month" | "all";
  starts_on: ColumnType<string, string, string>;
  category_id: string | null;
  member_id: string;
  points: number;
}

export interface ReputationTables {
  community_reputation_periods: CommunityReputationPeriodsTable;
}

export type ReputationTenantTable = keyof ReputationTables;
