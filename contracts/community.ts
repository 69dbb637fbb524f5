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
