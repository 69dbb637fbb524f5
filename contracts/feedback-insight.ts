import { z } from "zod";

/**
 * The feedback insight views' query and response shapes (issue #17, docs/feedback-api.md
 * "Insight"): similar ideas while typing, the prioritisation score with every term, complaint
 * themes over time and merge suggestions. Output types of ideas reuse contracts/feedback.ts.
 */

const statusList = z
  .string()
  .regex(/^[a-z_]+(,[a-z_]+)*$/, "one status or a comma-separated list")
  .refine(
    (s) =>
      s
        .split(",")
        .every((x) => ["open", "under_review", "planned", "in_progress", "done", "declined"].includes(x)),
    "unknown status",
  );

export const similarIdeasQuerySchema = z.strictObject({
  q: z.string().trim().min(1, "type a few words").max(500),
  boardId: z.uuid().optional(),
});

export const similarIdeasResultSchema = z.object({
  ideas: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      url: z.string(),
      title: z.string(),
      status: z.string(),
      votes: z.number(),
    }),
  ),
  articles: z.array(z.object({ id: z.string(), title: z.string(), slug: z.string(), snippet: z.string() })),
});

export const prioritiesQuerySchema = z.strictObject({
  boardId: z.uuid().optional(),
  /** Default: every status still being decided or worked on (not done, declined or duplicate). */
  status: statusList.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const term = z.object({ count: z.number(), weight: z.number(), points: z.number() });
const ideaSummary = z.object({
  id: z.string(),
  number: z.string(),
  url: z.string(),
  boardId: z.string(),
  title: z.string(),
  tags: z.array(z.string()),
  status: z.string(),
  statusLabel: z.string(),
  votes: z.number(),
  requesters: z.number(),
  caseCount: z.number(),
  commentCount: z.number(),
  myVote: z.boolean(),
  mergedInto: z.null(),
  createdAt: z.string(),
  statusChangedAt: z.string().nullable(),
});

export const prioritiesResultSchema = z.object({
  items: z.array(
    z.object({
      idea: ideaSummary,
      score: z.number(),
      terms: z.object({
        requesters: term,
        value: z.object({ total: z.number(), weight: z.number(), points: z.number() }),
        repeats: term,
        churned: term,
        recency: z.object({ factor: z.number(), halfLifeDays: z.number(), lastRequestAt: z.string() }),
      }),
      /** The computation in words, e.g. "(3 × 10 + 1200 × 1 + …) × 0.84 = …". */
      explanation: z.string(),
    }),
  ),
  weights: z.object({
    requesters: z.number(),
    value: z.number(),
    repeats: z.number(),
    churned: z.number(),
    recencyHalfLifeDays: z.number(),
  }),
  valueFactKey: z.string().nullable(),
  /** True when more ideas matched than the view reads (10,000). */
  truncated: z.boolean(),
});

export const themesQuerySchema = z.strictObject({
  months: z.coerce.number().int().min(1).max(24).default(6),
});

const monthSeries = z.object({
  key: z.string(),
  name: z.string(),
  /** One entry per month, oldest first, same order as `months`. */
  ideas: z.array(z.number()),
  cases: z.array(z.number()),
});
const mover = z.object({
  kind: z.enum(["board", "tag"]),
  key: z.string(),
  name: z.string(),
  thisMonth: z.number(),
  lastMonth: z.number(),
  growth: z.number(),
});

export const themesResultSchema = z.object({
  /** "2026-06" … the current month, oldest first (UTC). */
  months: z.array(z.string()),
  boards: z.array(monthSeries),
  tags: z.array(monthSeries),
  /** New ideas + linked cases this month minus last month, largest growth first. */
  topMovers: z.array(mover),
});

export const mergeSuggestionsQuerySchema = z.strictObject({
  boardId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const ideaRef = z.object({
  id: z.string(),
  number: z.string(),
  url: z.string(),
  title: z.string(),
  status: z.string(),
  votes: z.number(),
  requesters: z.number(),
});
export const mergeSuggestionsResultSchema = z.object({
  items: z.array(
    z.object({
      /** The newer idea, suggested to merge into the older one. */
      idea: ideaRef,
      into: ideaRef,
      /** 0–1: the embedding cosine when both have one, else the word overlap. */
      similarity: z.number(),
      cosine: z.number().nullable(),
      sharedWords: z.array(z.string()),
      reason: z.string(),
    }),
  ),
});
