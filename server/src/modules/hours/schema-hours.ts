import type { ColumnType, Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.ts";
import type { Holiday, WeeklyPeriod } from "./calendar.ts";

/** Kysely's view of business hours (migration 0037). Keep in step with the SQL. */
type Json<T> = ColumnType<T, string | undefined, string>;

export interface BusinessCalendarsTable {
  id: Generated<string>;
  workspace_id: string;
  /** null: the workspace's default calendar. */
  team_id: string | null;
  name: string;
  timezone: string;
  periods: Json<WeeklyPeriod[]>;
  holidays: Json<Holiday[]>;
  /** Follow-the-sun: the calendar whose team takes over outside these hours. */
  follow_on_id: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface HoursTables {
  business_calendars: BusinessCalendarsTable;
}
export type HoursTenantTable = "business_calendars";
