import { z } from "zod";

/**
 * The feedback portal's API shapes (issue #17): boards, ideas, votes, comments, status answers,
 * merges and the cases behind an idea. docs/feedback-api.md describes the routes that use them.
 */

export const IDEA_DESCRIPTION_MAX = 20_000;
export const DECLINE_EXPLANATION_MIN = 30;

export const ideaStatusSchema = z.enum([
  "open",
  "under_review",
  "planned",
  "in_progress",
  "done",
  "declined",
  "duplicate",
]);
export type IdeaStatusValue = z.infer<typeof ideaStatusSchema>;
export const boardVisibilitySchema = z.enum(["public", "customers", "staff"]);

const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use lowercase letters, digits and single hyphens")
  .max(80);
const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u, "use letters, digits, spaces, hyphens and underscores");

export const feedbackBoardInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  slug: slugSchema.optional(),
  description: z.string().trim().max(500).optional(),
  visibility: boardVisibilitySchema.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type FeedbackBoardInput = z.infer<typeof feedbackBoardInputSchema>;
export const feedbackBoardPatchSchema = feedbackBoardInputSchema
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: "nothing to change", path: ["name"] });

export const ideaInputSchema = z.strictObject({
  boardId: z.uuid(),
  title: z.string().trim().min(5, "must be at least 5 characters").max(200),
  description: z.string().trim().max(IDEA_DESCRIPTION_MAX).default(""),
  tags: z.array(tagSchema).max(10).optional(),
  /** Staff only: the idea is raised for this customer (author), e.g. from a case. */
  customerId: z.uuid().optional(),
  /** Staff only: also link this case as evidence (the case's customer becomes a requester). */
  caseId: z.uuid().optional(),
});
export type IdeaInput = z.infer<typeof ideaInputSchema>;

/** PATCH /ideas/{id}: edit (author while open, or staff) and/or change status (staff). */
export const ideaPatchSchema = z
  .strictObject({
    title: z.string().trim().min(5, "must be at least 5 characters").max(200).optional(),
    description: z.string().trim().max(IDEA_DESCRIPTION_MAX).optional(),
    tags: z.array(tagSchema).max(10).optional(),
    boardId: z.uuid().optional(),
    status: ideaStatusSchema.exclude(["duplicate"]).optional(),
    /** Public explanation of the status; at least 30 characters when declining. */
    explanation: z.string().trim().max(5_000).optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: "nothing to change", path: ["status"] });
export type IdeaPatch = z.infer<typeof ideaPatchSchema>;

export const ideaListQuerySchema = z.strictObject({
  boardId: z.uuid().optional(),
  status: z
    .union([ideaStatusSchema, z.string().regex(/^[a-z_]+(,[a-z_]+)*$/)])
    .optional()
    .describe("one status or a comma-separated list"),
  tag: tagSchema.optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(["votes", "score", "recent"]).default("votes"),
  /** Staff: ideas linked to this case (the case page's panel). */
  caseId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(30),
});
export type IdeaListQuery = z.infer<typeof ideaListQuerySchema>;

/** A signed-in customer sends `{}`; staff vote on a customer's behalf with `customerId`. */
export const ideaVoteInputSchema = z.strictObject({ customerId: z.uuid().optional() });
export const ideaCommentInputSchema = z.strictObject({
  body: z.string().trim().min(1).max(10_000),
  /** Staff only: the company's official answer. */
  official: z.boolean().optional(),
});
export const ideaMergeInputSchema = z.strictObject({ intoId: z.uuid() });
export const ideaCaseLinkInputSchema = z.strictObject({ caseId: z.uuid() });

export const feedbackSettingsSchema = z.strictObject({
  statusLabels: z.partialRecord(ideaStatusSchema, z.string().trim().min(1).max(40)),
  scoreWeights: z.strictObject({
    requesters: z.number().min(0).max(100),
    value: z.number().min(0).max(100),
    repeats: z.number().min(0).max(100),
    churned: z.number().min(0).max(100),
    /** Half-life of recency, in days: a request this old counts half. */
    recencyHalfLifeDays: z.number().int().min(1).max(3650),
  }),
  valueFactKey: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9_.-]+$/i)
    .nullable(),
  anonymousVoting: z.boolean(),
});
export type FeedbackSettings = z.infer<typeof feedbackSettingsSchema>;

export const DEFAULT_FEEDBACK_SETTINGS: FeedbackSettings = {
  statusLabels: {},
  scoreWeights: { requesters: 10, value: 1, repeats: 3, churned: 5, recencyHalfLifeDays: 90 },
  valueFactKey: null,
  anonymousVoting: false,
};

// ---- outputs ----

export type FeedbackBoard = {
  id: string;
  name: string;
  slug: string;
  description: string;
  visibility: z.infer<typeof boardVisibilitySchema>;
  position: number;
  ideaCount: number;
  url: string;
};

export type IdeaPerson = { kind: "customer" | "staff"; id: string; name: string };

export type IdeaSummary = {
  id: string;
  number: string;
  url: string;
  boardId: string;
  title: string;
  tags: string[];
  status: IdeaStatusValue;
  statusLabel: string;
  /** Unique customers who voted. */
  votes: number;
  /** Unique customers who asked, by vote or by case. */
  requesters: number;
  caseCount: number;
  commentCount: number;
  myVote: boolean;
  mergedInto: { id: string; number: string; title: string; url: string } | null;
  createdAt: string;
  statusChangedAt: string | null;
};

export type IdeaDetail = IdeaSummary & {
  description: string;
  descriptionHtml: string;
  statusExplanation: string | null;
  author: IdeaPerson | null;
  subscribed: boolean;
  /** Ideas merged into this one. */
  duplicates: { id: string; number: string; title: string; url: string }[];
  history: { from: IdeaStatusValue; to: IdeaStatusValue; explanation: string | null; at: string }[];
  comments: IdeaComment[];
  /** Staff only (null for others): the value of the requesters, in the chosen fact. */
  requesterValue: { factKey: string; total: number } | null;
};

export type IdeaComment = {
  id: string;
  body: string;
  bodyHtml: string;
  author: IdeaPerson | null;
  official: boolean;
  createdAt: string;
  editedAt: string | null;
};

/** The prioritisation view: every term of the score, so anyone can see how it was computed. */
export type IdeaScore = {
  idea: IdeaSummary;
  score: number;
  terms: {
    requesters: { count: number; weight: number; points: number };
    value: { total: number; weight: number; points: number };
    repeats: { count: number; weight: number; points: number };
    churned: { count: number; weight: number; points: number };
    recency: { factor: number; halfLifeDays: number };
  };
};
