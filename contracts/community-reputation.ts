import { z } from "zod";

/**
 * Community reputation shapes (issue #16): point values and thresholds (workspace settings),
 * badges and their rules, MVP nominations and terms, leaderboards.
 */

const points = (max: number) => z.number().int().min(-max).max(max);
const count = z.number().int().min(0).max(1_000_000);

export const reputationPointsSchema = z.strictObject({
  answerUpvoted: points(1000),
  answerDownvoted: points(1000),
  questionUpvoted: points(1000),
  questionDownvoted: points(1000),
  answerAccepted: points(1000),
  acceptorBonus: points(1000),
  streakBonus: points(1000),
  spamConfirmed: points(10_000),
});

/** What a member must have done to reach a trust level; every field must be met. */
export const trustThresholdSchema = z.strictObject({
  posts: count,
  acceptedAnswers: count,
  reputation: count,
  accountDays: count,
});

export const communitySettingsSchema = z.strictObject({
  points: reputationPointsSchema,
  /** Points a member may gain per UTC day; losses are never capped. 0 means no cap. */
  dailyCap: count,
  /** Consecutive UTC days with an accepted answer that earn `points.streakBonus` (again every N days). */
  streakDays: z.number().int().min(2).max(365),
  trust: z.strictObject({
    basic: trustThresholdSchema,
    member: trustThresholdSchema,
    regular: trustThresholdSchema,
    /** Upheld flags against a member's posts (last 90 days) that hold their trust at basic (1). */
    flagsAgainstLimit: z.number().int().min(1).max(1000),
  }),
  /** Summed flag weight at which a post is hidden pending review (moderation reads it). */
  flagHideThreshold: z.number().int().min(1).max(1000),
});
export type CommunitySettings = z.infer<typeof communitySettingsSchema>;

// ---- badges ----

export const BADGE_METRICS = [
  "accepted_answers",
  "answers",
  "questions",
  "upvotes_received",
  "answer_streak_days",
  "reputation",
  "helped_customers",
] as const;
export const badgeMetricSchema = z.enum(BADGE_METRICS);
export type BadgeMetric = z.infer<typeof badgeMetricSchema>;

/**
 * A badge rule as data: a member earns the badge once `metric` reaches `atLeast`, counted in
 * one category (`categoryId`), in whichever category they do best (`inAnyCategory`), or
 * everywhere (neither).
 */
export const badgeRuleSchema = z
  .strictObject({
    metric: badgeMetricSchema,
    atLeast: z.number().int().min(1).max(1_000_000),
    categoryId: z.uuid().optional(),
    inAnyCategory: z.boolean().optional(),
  })
  .refine((r) => !(r.categoryId && r.inAnyCategory), {
    message: "use categoryId or inAnyCategory, not both",
    path: ["inAnyCategory"],
  });
export type BadgeRule = z.infer<typeof badgeRuleSchema>;

export const badgeTierSchema = z.enum(["bronze", "silver", "gold"]);

export const badgeInputSchema = z.strictObject({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use lowercase letters, digits and single hyphens")
    .max(60),
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(500).optional(),
  tier: badgeTierSchema,
  rule: badgeRuleSchema,
});
export type BadgeInput = z.infer<typeof badgeInputSchema>;

export const badgePatchSchema = z.strictObject({
  name: z.string().trim().min(1).max(80).optional(),
  description: z.string().trim().max(500).optional(),
  tier: badgeTierSchema.optional(),
  rule: badgeRuleSchema.optional(),
  enabled: z.boolean().optional(),
});

export const badgeSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  tier: badgeTierSchema,
  rule: z.object({
    metric: badgeMetricSchema,
    atLeast: z.number(),
    categoryId: z.string().optional(),
    inAnyCategory: z.boolean().optional(),
  }),
  enabled: z.boolean(),
  awardedCount: z.number().int(),
});
export const badgeListSchema = z.object({ items: z.array(badgeSchema) });

// ---- members as others see them ----

export const memberRefSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  isStaff: z.boolean(),
  isMvp: z.boolean(),
  trustLevel: z.number().int(),
  reputation: z.number().int(),
});
export type MemberRef = z.infer<typeof memberRefSchema>;

// ---- leaderboards ----

export const leaderboardQuerySchema = z.strictObject({
  period: z.enum(["week", "month", "all"]).default("week"),
  categoryId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const leaderboardSchema = z.object({
  period: z.enum(["week", "month", "all"]),
  categoryId: z.string().nullable(),
  /** First day of the period (UTC), or null for all time. */
  since: z.string().nullable(),
  items: z.array(z.object({ rank: z.number().int(), member: memberRefSchema, points: z.number().int() })),
});

// ---- MVP program ----

export const nominationInputSchema = z.strictObject({
  memberId: z.uuid(),
  reason: z.string().trim().min(10, "say in a sentence why (at least 10 characters)").max(2000),
});

export const nominationListQuerySchema = z.strictObject({
  status: z.enum(["pending", "accepted", "declined"]).default("pending"),
});

export const nominationDecisionSchema = z.strictObject({
  decision: z.enum(["accept", "decline"]),
  note: z.string().trim().max(2000).optional(),
  months: z.number().int().min(1).max(60).optional(),
});

export const mvpTermInputSchema = z.strictObject({
  memberId: z.uuid(),
  months: z.number().int().min(1).max(60).default(12),
});

/** What staff weigh when reviewing a nomination. */
export const nomineeRecordSchema = z.object({
  reputation: z.number().int(),
  trustLevel: z.number().int(),
  answers: z.number().int(),
  acceptedAnswers: z.number().int(),
  upvotesReceived: z.number().int(),
  /** Accepted answers per answer, 0–1 (null without answers). */
  helpfulness: z.number().nullable(),
  /** Distinct cases linked to topics where this member has an accepted answer. */
  deflectedCases: z.number().int(),
  flagsAgainst: z.number().int(),
  spamConfirmed: z.number().int(),
  penaltyUntil: z.string().nullable(),
  mvpUntil: z.string().nullable(),
  joinedAt: z.string(),
});

export const nominationSchema = z.object({
  id: z.uuid(),
  status: z.enum(["pending", "accepted", "declined"]),
  reason: z.string(),
  nominee: memberRefSchema,
  nominatedBy: memberRefSchema,
  record: nomineeRecordSchema.optional(),
  decisionNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const nominationListSchema = z.object({ items: z.array(nominationSchema) });

export const mvpTermSchema = z.object({
  id: z.uuid(),
  memberId: z.uuid(),
  startsAt: z.string(),
  endsAt: z.string(),
  renewal: z.boolean(),
});

export const mvpDirectorySchema = z.object({
  items: z.array(
    z.object({
      member: memberRefSchema,
      bio: z.string(),
      acceptedAnswers: z.number().int(),
      mvpSince: z.string(),
      mvpUntil: z.string(),
    }),
  ),
});
