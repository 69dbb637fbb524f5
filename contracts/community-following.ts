import { z } from "zod";

/**
 * Following and notifications in the community (issue #16): what people follow, what they are
 * told in the app, and how often it is emailed to them.
 */

export const followTargetKindSchema = z.enum(["topic", "category", "member"]);
export type FollowTargetKind = z.infer<typeof followTargetKindSchema>;

export const followInputSchema = z.strictObject({
  targetKind: followTargetKindSchema,
  targetId: z.uuid(),
});
export type FollowInput = z.infer<typeof followInputSchema>;

export const followParamsSchema = z.strictObject({ kind: followTargetKindSchema, id: z.uuid() });

export const followSchema = z.object({
  targetKind: followTargetKindSchema,
  targetId: z.string(),
  /** The topic's title, the category's or the member's name, for the list. */
  label: z.string(),
  createdAt: z.string(),
});
export const followListSchema = z.object({ items: z.array(followSchema) });

export const notificationKindSchema = z.enum(["new_topic", "reply", "mention", "accepted", "official"]);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

export const notificationSchema = z.object({
  id: z.string(),
  kind: notificationKindSchema,
  topic: z.object({ id: z.string(), number: z.number(), title: z.string(), url: z.string() }).nullable(),
  post: z.object({ id: z.string(), excerpt: z.string() }).nullable(),
  actor: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type CommunityNotification = z.infer<typeof notificationSchema>;
export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  unread: z.number().int(),
});

export const notificationListQuerySchema = z.strictObject({
  unread: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export const markReadSchema = z.strictObject({
  /** These notifications; omitted means all of the caller's. */
  ids: z.array(z.uuid()).max(500).optional(),
});
export const markReadResultSchema = z.object({ unread: z.number().int() });

export const digestRateSchema = z.enum(["off", "instant", "daily", "weekly"]);
export type DigestRateValue = z.infer<typeof digestRateSchema>;
export const notificationSettingsSchema = z.strictObject({ digestRate: digestRateSchema });
export const unsubscribeQuerySchema = z.strictObject({ token: z.string().min(1).max(400) });
