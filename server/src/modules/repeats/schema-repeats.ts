import type { Generated } from "kysely";

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

export interface RepeatTables {
  repeat_contacts: RepeatContactsTable;
}
export type RepeatTenantTable = "repeat_contacts";
