import { z } from "zod";

/**
 * The community's core API shapes (issue #16): categories, topics, posts, votes.
 * Reputation, badges, MVP, following and moderation shapes live in community-*.ts beside this.
 */

export const COMMUNITY_BODY_MAX = 50_000;
export const categoryVisibilitySchema = z.enum(["public", "customers", "mvp", "staff"]);

export const communityCategoryInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use lowercase letters, digits and single hyphens")
    .max(80)
    .optional(),
  description: z.string().trim().max(500).optional(),
  productModel: z.string().trim().min(1).max(80).nullable().optional(),
  visibility: categoryVisibilitySchema.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type CommunityCategoryInput = z.infer<typeof communityCategoryInputSchema>;

export const communityTopicInputSchema = z.strictObject({
  categoryId: z.uuid(),
  kind: z.enum(["question", "discussion"]),
  title: z.string().trim().min(5, "must be at least 5 characters").max(200),
  body: z.string().trim().min(1).max(COMMUNITY_BODY_MAX),
  /** Staff API tokens only: post as this customer. */
  customerId: z.uuid().optional(),
});
export type CommunityTopicInput = z.infer<typeof communityTopicInputSchema>;

export const communityPostInputSchema = z.strictObject({
  body: z.string().trim().min(1).max(COMMUNITY_BODY_MAX),
  /** A comment under this post (the opening post or an answer); omitted for an answer. */
  parentPostId: z.uuid().optional(),
  customerId: z.uuid().optional(),
});
export type CommunityPostInput = z.infer<typeof communityPostInputSchema>;

export const communityVoteInputSchema = z.strictObject({
  value: z.union([z.literal(1), z.literal(-1), z.literal(0)]),
});

// ---- more inputs (core) ----

export const communityCategoryPatchSchema = communityCategoryInputSchema
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: "nothing to change", path: ["name"] });
export type CommunityCategoryPatch = z.infer<typeof communityCategoryPatchSchema>;

export const communityPostPatchSchema = z.strictObject({
  body: z.string().trim().min(1).max(COMMUNITY_BODY_MAX),
});

export const communityTopicListQuerySchema = z.strictObject({
  categoryId: z.uuid().optional(),
  kind: z.enum(["question", "discussion"]).optional(),
  solved: z.enum(["true", "false"]).optional(),
  q: z.string().trim().max(200).optional(),
  /** Staff: the topics tied to this case or problem (the case and problem pages' panels). */
  caseId: z.uuid().optional(),
  problemId: z.uuid().optional(),
  sort: z.enum(["activity", "new", "votes"]).default("activity"),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type CommunityTopicListQuery = z.infer<typeof communityTopicListQuerySchema>;

export const communitySimilarQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(300),
});

/** A topic is named by its uuid or its public number. */
export const communityTopicParamSchema = z.strictObject({
  id: z.union([z.uuid(), z.string().regex(/^\d{1,15}$/, "must be a topic id or number")]),
});

export const communityLinkInputSchema = z
  .strictObject({ caseId: z.uuid().optional(), problemId: z.uuid().optional() })
  .refine((v) => (v.caseId === undefined) !== (v.problemId === undefined), {
    message: "give exactly one of caseId or problemId",
    path: ["caseId"],
  });

export const communityLinkParamsSchema = z.strictObject({
  id: communityTopicParamSchema.shape.id,
  targetId: z.uuid(),
});

export const communityProfilePatchSchema = z
  .strictObject({
    displayName: z
      .string()
      .trim()
      .min(2, "must be at least 2 characters")
      .max(60)
      .regex(/^[^@<>\n\r\t]+$/, "must not contain @, < or >"),
    bio: z.string().trim().max(1000),
    digestRate: z.enum(["off", "instant", "daily", "weekly"]),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: "nothing to change", path: ["displayName"] });

export const communityCustomerParamSchema = z.strictObject({ customerId: z.uuid() });

// ---- outputs (core) ----

const iso = z.iso.datetime();

export const communityCategorySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    slug: z.string(),
    description: z.string(),
    productModel: z.string().nullable(),
    visibility: categoryVisibilitySchema,
    position: z.number(),
    topicCount: z.number(),
  })
  .meta({ id: "CommunityCategory" });
export type CommunityCategory = z.infer<typeof communityCategorySchema>;

export const memberRefSchema = z
  .object({
    id: z.uuid(),
    displayName: z.string(),
    avatarUrl: z.string().nullable(),
    isStaff: z.boolean(),
    isMvp: z.boolean(),
    trustLevel: z.number(),
    reputation: z.number(),
  })
  .meta({ id: "CommunityMemberRef" });
export type MemberRef = z.infer<typeof memberRefSchema>;

/** A linked problem as customers see it (public title, status, public workaround). */
export const topicProblemSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    status: z.string(),
    workaroundHtml: z.string().nullable(),
  })
  .meta({ id: "CommunityTopicProblem" });

export const topicSummarySchema = z
  .object({
    id: z.uuid(),
    number: z.number(),
    url: z.string(),
    categoryId: z.uuid(),
    kind: z.enum(["question", "discussion"]),
    title: z.string(),
    status: z.enum(["open", "closed"]),
    pinned: z.boolean(),
    solved: z.boolean(),
    score: z.number(),
    answerCount: z.number(),
    viewCount: z.number(),
    author: memberRefSchema,
    lastActivityAt: iso,
    createdAt: iso,
    problem: topicProblemSchema.nullable(),
    hidden: z.boolean(),
  })
  .meta({ id: "CommunityTopicSummary" });
export type TopicSummary = z.infer<typeof topicSummarySchema>;

export const topicListSchema = z.object({
  items: z.array(topicSummarySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

const postFields = {
  id: z.uuid(),
  kind: z.enum(["opening", "answer", "comment"]),
  parentPostId: z.uuid().nullable(),
  body: z.string(),
  bodyHtml: z.string().meta({ description: "Markdown rendered and sanitised; @mentions are links" }),
  author: memberRefSchema,
  official: z.boolean().meta({ description: "Written by staff" }),
  accepted: z.boolean(),
  score: z.number(),
  myVote: z.number().meta({ description: "-1, 0 or 1" }),
  helpedCount: z.number().meta({ description: "Customers whose cases were linked after it was accepted" }),
  hidden: z.boolean(),
  createdAt: iso,
  editedAt: iso.nullable(),
};
/** Comments hang under the opening post or an answer, never under another comment. */
export const communityCommentSchema = z
  .object({ ...postFields, comments: z.array(z.object({ id: z.uuid() })).max(0) })
  .meta({ id: "CommunityComment" });
export const communityPostSchema = z
  .object({ ...postFields, comments: z.array(communityCommentSchema) })
  .meta({ id: "CommunityPost" });
export type CommunityPost = z.infer<typeof communityPostSchema>;

export const topicDetailSchema = z.object({
  topic: topicSummarySchema.extend({
    body: z.string(),
    bodyHtml: z.string(),
    openingPostId: z.uuid(),
    articleId: z.uuid().nullable(),
    caseCount: z.number(),
    following: z.boolean(),
    comments: z.array(communityCommentSchema),
    myVote: z.number(),
    can: z.object({
      answer: z.boolean(),
      accept: z.boolean(),
      moderate: z.boolean(),
      linkCase: z.boolean(),
      escalate: z.boolean(),
      draftArticle: z.boolean(),
    }),
  }),
  posts: z.array(communityPostSchema),
});

export const voteResultSchema = z.object({ score: z.number(), myVote: z.number() });
export const acceptResultSchema = z.object({ accepted: z.boolean() });

export const similarResultSchema = z.object({
  topics: z.array(
    z.object({ id: z.uuid(), number: z.number(), url: z.string(), title: z.string(), solved: z.boolean() }),
  ),
  articles: z.array(z.object({ id: z.string(), title: z.string(), slug: z.string(), snippet: z.string() })),
});

export const linkResultSchema = z.object({ linked: z.boolean() });
export const escalateResultSchema = z.object({ caseId: z.uuid(), caseNumber: z.number() });
export const articleDraftResultSchema = z.object({ articleId: z.uuid() });

const badgeRefSchema = z.object({
  slug: z.string(),
  name: z.string(),
  tier: z.enum(["bronze", "silver", "gold"]),
  awardedAt: iso,
});

export const communityProfileSchema = z
  .object({
    id: z.uuid(),
    displayName: z.string(),
    bio: z.string(),
    avatarUrl: z.string().nullable(),
    isStaff: z.boolean(),
    isMvp: z.boolean(),
    mvpUntil: iso.nullable(),
    reputation: z.number(),
    trustLevel: z.number(),
    badges: z.array(badgeRefSchema),
    acceptedAnswers: z.number(),
    answers: z.number(),
    questions: z.number(),
    joinedAt: iso,
  })
  .meta({ id: "CommunityProfile" });

export const customerCommunityRecordSchema = z.object({
  member: memberRefSchema.nullable(),
  reputation: z.number(),
  acceptedAnswers: z.number(),
  answers: z.number(),
  isMvp: z.boolean(),
  mvpUntil: iso.nullable(),
  badges: z.array(badgeRefSchema),
  helpedCount: z.number(),
  recentTopics: z.array(topicSummarySchema),
});
