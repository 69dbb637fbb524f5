import type { Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.ts";

/** Kysely's view of the staff notification tables (migration 0042). Keep in step with the SQL. */
export interface StaffNotificationsTable {
  id: Generated<string>;
  workspace_id: string;
  recipient_user_id: string;
  kind: string;
  title: string;
  summary: string | null;
  case_id: string | null;
  link: string | null;
  subject_type: string;
  subject_id: string;
  created_at: Generated<Date>;
  read_at: Timestamp | null;
}

export interface StaffNotificationMutesTable {
  workspace_id: string;
  user_id: string;
  kind: string;
}

export interface NotificationTables {
  staff_notifications: StaffNotificationsTable;
  staff_notification_mutes: StaffNotificationMutesTable;
}
export type NotificationTenantTable = "staff_notifications" | "staff_notification_mutes";
