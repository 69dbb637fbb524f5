import type { ColumnType, Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.ts";

/** Kysely's view of the lifecycle table (migration 0046). Keep in step with the SQL. */
export interface CustomerLifecycleEventsTable {
  id: Generated<string>;
  workspace_id: string;
  customer_id: string;
  event: "subscribed" | "renewed" | "upgraded" | "downgraded" | "churned";
  at: Timestamp;
  /** numeric(14,2): pg returns it as a string. */
  value: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  external_id: string | null;
  created_at: Generated<Date>;
}

/** Offers on replies to solved cases (migration 0050, private to the retention part). */
export interface RetentionOffersTable {
  id: Generated<string>;
  workspace_id: string;
  case_id: string;
  message_id: string;
  customer_id: string;
  agent_id: string | null;
  title: string;
  url: string;
  token: string;
  status: Generated<"offered" | "accepted" | "ignored">;
  accepted_at: Date | null;
  ignored_at: Date | null;
  created_at: Generated<Date>;
}

export interface RetentionTables {
  customer_lifecycle_events: CustomerLifecycleEventsTable;
  retention_offers: RetentionOffersTable;
}
export type RetentionTenantTable = "customer_lifecycle_events" | "retention_offers";
