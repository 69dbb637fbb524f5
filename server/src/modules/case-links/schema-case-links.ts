import type { Generated } from "kysely";

/** Kysely's view of the related-cases table (migration 0056): one row per undirected pair. */
export interface CaseLinksTable {
  workspace_id: string;
  /** The smaller case id of the pair (the check keeps case_a < case_b). */
  case_a: string;
  case_b: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface CaseLinkTables {
  case_links: CaseLinksTable;
}

export type CaseLinkTenantTable = "case_links";
