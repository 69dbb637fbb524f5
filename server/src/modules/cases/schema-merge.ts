import type { ColumnType, Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.ts";

/** Kysely's view of the merge/split undo record (migration 0015). Keep in step with the SQL. */
export interface CaseMovesTable {
  id: Generated<string>;
  workspace_id: string;
  kind: "merge" | "split";
  case_id: string;
  data: ColumnType<unknown, string, string>;
  actor_user_id: string | null;
  created_at: Timestamp;
  undone_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}
