import { z } from "zod";
import { pageQuerySchema } from "./common.ts";

/** The staff notification store (issue #18): the bell in the app shell. */

/** Dotted kind names; the ones Rapport writes today. Modules may add more. */
export const NOTIFICATION_KINDS = [
  "approval.requested",
  "approval.decided",
  "sla.warning",
  "sla.breached",
  "escalation.created",
  "escalation.findings",
  "escalation.task",
] as const;
const kindSchema = z
  .string()
  .max(60)
  .regex(/^[a-z_]+(\.[a-z_]+)*$/, "must be a notification kind such as sla.breached");

export const notificationSchema = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    title: z.string(),
    summary: z.string().nullable(),
    caseId: z.uuid().nullable(),
    caseNumber: z.number().nullable(),
    link: z.string().nullable(),
    subjectType: z.string(),
    subjectId: z.string(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: "StaffNotification" });
export type StaffNotification = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = pageQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  unread: z.enum(["true", "false"]).optional(),
});

export const notificationListSchema = z
  .object({
    items: z.array(notificationSchema),
    nextCursor: z.string().nullable(),
    unreadCount: z.number().int(),
  })
  .meta({ id: "StaffNotificationList" });

export const readAllResultSchema = z.object({ marked: z.number().int(), unreadCount: z.number().int() });

export const notificationPrefsSchema = z
  .strictObject({ muted: z.array(kindSchema).max(50) })
  .meta({ id: "StaffNotificationPreferences" });
export type NotificationPrefs = z.infer<typeof notificationPrefsSchema>;
