import { z } from "zod";
import { COMMUNITY_BODY_MAX } from "./community.ts";

/**
 * Community moderation shapes (issue #16): flags, the review queue and its decisions, staff
 * actions on topics and posts.
 */

export const flagReasonSchema = z.enum(["spam", "offensive", "off_topic", "other"]);
export const flagStatusSchema = z.enum(["open", "agreed", "disagreed", "ignored"]);

export const flagInputSchema = z.strictObject({
  postId: z.uuid(),
  reason: flagReasonSchema,
  note: z.string().trim().max(1000).optional(),
});
export type FlagInput = z.infer<typeof flagInputSchema>;

export const flagSchema = z
  .object({
    id: z.uuid(),
    postId: z.uuid(),
    reason: flagReasonSchema,
    note: z.string(),
    weight: z.number().int(),
    status: flagStatusSchema,
    createdAt: z.string(),
    /** Whether the post is now hidden pending review (this flag may have tipped it over). */
    postHidden: z.boolean(),
  })
  .meta({ id: "CommunityFlag" });

export const flagQueueQuerySchema = z.strictObject({
  status: flagStatusSchema.default("open"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

const queueFlagSchema = z.object({
  id: z.uuid(),
  source: z.enum(["member", "spam_check"]),
  reason: flagReasonSchema,
  note: z.string(),
  weight: z.number().int(),
  status: flagStatusSchema,
  flagger: z.object({ id: z.uuid(), displayName: z.string(), trustLevel: z.number().int() }).nullable(),
  createdAt: z.string(),
});

export const flagQueueItemSchema = z.object({
  post: z.object({
    id: z.uuid(),
    kind: z.enum(["opening", "answer", "comment"]),
    body: z.string(),
    bodyHtml: z.string(),
    hidden: z.boolean(),
    hiddenReason: z.string().nullable(),
    deleted: z.boolean(),
    createdAt: z.string(),
  }),
  topic: z.object({ id: z.uuid(), number: z.number().int(), title: z.string(), url: z.string() }),
  author: z.object({
    id: z.uuid(),
    displayName: z.string(),
    trustLevel: z.number().int(),
    isStaff: z.boolean(),
    joinedAt: z.string(),
    accountAgeDays: z.number().int(),
    confirmedSpam: z.number().int(),
    penaltyUntil: z.string().nullable(),
  }),
  flags: z.array(queueFlagSchema),
  totalWeight: z.number().int(),
  /** The automatic spam check's reasons, when it held the post. */
  spamReasons: z.array(z.string()),
});

export const flagQueueSchema = z
  .object({
    items: z.array(flagQueueItemSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: "CommunityFlagQueue" });

export const postIdParamSchema = z.strictObject({ postId: z.uuid() });

export const reviewInputSchema = z.strictObject({
  decision: z.enum(["agree", "disagree", "ignore"]),
  /** Agree only: confirm as spam (penalises the author). Defaults to whether any flag says spam. */
  spam: z.boolean().optional(),
  note: z.string().trim().max(1000).optional(),
});
export type ReviewInput = z.infer<typeof reviewInputSchema>;

export const reviewResultSchema = z
  .object({
    postId: z.uuid(),
    decision: z.enum(["agree", "disagree", "ignore"]),
    spam: z.boolean(),
    hidden: z.boolean(),
    flagsClosed: z.number().int(),
  })
  .meta({ id: "CommunityReviewResult" });

export const topicModerationInputSchema = z
  .strictObject({
    title: z.string().trim().min(5, "must be at least 5 characters").max(200).optional(),
    categoryId: z.uuid().optional(),
    status: z.enum(["open", "closed"]).optional(),
    pinned: z.boolean().optional(),
    /** Why, for the audit log. */
    reason: z.string().trim().max(1000).optional(),
  })
  .refine(
    (v) =>
      v.title !== undefined || v.categoryId !== undefined || v.status !== undefined || v.pinned !== undefined,
    { message: "change at least one of title, categoryId, status, pinned" },
  );
export type TopicModerationInput = z.infer<typeof topicModerationInputSchema>;

export const moderatedTopicSchema = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    url: z.string(),
    title: z.string(),
    categoryId: z.uuid(),
    kind: z.enum(["question", "discussion"]),
    status: z.enum(["open", "closed"]),
    pinned: z.boolean(),
    hidden: z.boolean(),
    solved: z.boolean(),
    answerCount: z.number().int(),
    mergedIntoId: z.uuid().nullable(),
  })
  .meta({ id: "CommunityModeratedTopic" });

export const mergeInputSchema = z.strictObject({
  intoTopicId: z.uuid(),
  reason: z.string().trim().max(1000).optional(),
});

export const splitInputSchema = z.strictObject({
  postIds: z.array(z.uuid()).min(1).max(500),
  title: z.string().trim().min(5, "must be at least 5 characters").max(200),
  reason: z.string().trim().max(1000).optional(),
});
export type SplitInput = z.infer<typeof splitInputSchema>;

export const postModerationInputSchema = z.strictObject({
  body: z.string().trim().min(1).max(COMMUNITY_BODY_MAX),
  reason: z.string().trim().max(1000).optional(),
});

export const hideInputSchema = z.strictObject({
  reason: z.string().trim().max(1000).optional(),
});

export const moderatedPostSchema = z
  .object({
    id: z.uuid(),
    topicId: z.uuid(),
    kind: z.enum(["opening", "answer", "comment"]),
    body: z.string(),
    bodyHtml: z.string(),
    hidden: z.boolean(),
    hiddenReason: z.string().nullable(),
    editedAt: z.string().nullable(),
  })
  .meta({ id: "CommunityModeratedPost" });
