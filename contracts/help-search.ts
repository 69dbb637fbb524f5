import { z } from "zod";
import { helpSessionSchema } from "./common.ts";
import { localeSchema } from "./help.ts";

/**
 * Help center search (issue #15): search, suggestions for the new-request form and the agent's
 * case view, deflections, votes, views, the holdout share and the measurements. Reading rules
 * are the help center's (help.policy.ts): nothing unreadable is ever listed.
 */

// Defined with the common schemas: the new-case body uses it too, and importing this module
// there would pull the help center's contracts into the inbox's first load.
export { helpSessionSchema };

const queryText = z.string().trim().max(300);

export const helpSearchQuerySchema = z.strictObject({
  q: queryText,
  locale: localeSchema.optional(),
});
export const helpSearchResultSchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      slug: z.string(),
      locale: z.string(),
      snippet: z.string().meta({ description: "HTML: the matched words in <mark>, nothing else" }),
      categoryId: z.uuid().nullable(),
    }),
  ),
});

export const helpSuggestionsQuerySchema = z.strictObject({
  q: queryText,
  locale: localeSchema.optional(),
  session: helpSessionSchema,
});
export const helpSuggestionSchema = z.object({
  id: z.string().meta({ description: "Article id, or the playbook's slug" }),
  title: z.string(),
  slug: z.string(),
  snippet: z.string(),
  kind: z.enum(["article", "playbook"]),
});
export const helpSuggestionsSchema = z.object({
  items: z.array(helpSuggestionSchema),
  holdout: z.boolean().meta({ description: "This session is in the holdout: it gets no suggestions" }),
});
export const caseArticleSuggestionsSchema = z.object({ items: z.array(helpSuggestionSchema) });

export const helpSettingsSchema = z.object({
  holdoutPercent: z.number().int().min(0).max(50),
});
export const helpSettingsInputSchema = z.strictObject({
  holdoutPercent: z.number().int().min(0).max(50),
});

export const deflectionInputSchema = z.strictObject({
  query: z.string().trim().min(1, "must not be empty").max(500),
  session: helpSessionSchema,
  articleId: z.uuid().optional(),
  playbookSlug: z.string().trim().min(1).max(120).optional(),
});
export const deflectionSchema = z.object({ id: z.uuid(), createdAt: z.iso.datetime() });

export const VOTE_REASONS = ["not_related", "did_not_answer", "out_of_date"] as const;
export const voteInputSchema = z.strictObject({
  helpful: z.boolean(),
  reason: z.enum(VOTE_REASONS).optional(),
  session: helpSessionSchema.optional(),
});
export const voteSchema = z.object({ id: z.uuid() });
export const viewInputSchema = z.strictObject({ session: helpSessionSchema });

export const shareArticleInputSchema = z.strictObject({ articleId: z.uuid() });
export const sharedArticleSchema = z.object({
  url: z.string(),
  title: z.string(),
  markdownLink: z.string(),
});

export const helpAnalyticsSchema = z.object({
  articles: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      slug: z.string(),
      locale: z.string(),
      views: z.number(),
      helpful: z.number(),
      unhelpful: z.number(),
      reasons: z.object({ not_related: z.number(), did_not_answer: z.number(), out_of_date: z.number() }),
      deflections: z.number(),
      confirmedDeflections: z.number(),
    }),
  ),
  deflections: z.object({
    recorded: z.number(),
    confirmed: z.number(),
    pending: z.number().meta({ description: "Younger than 7 days, no similar case yet" }),
  }),
  contentGaps: z.array(
    z.object({
      query: z.string(),
      count: z.number(),
      examples: z.array(z.string()),
      lastAt: z.iso.datetime(),
    }),
  ),
  holdout: z
    .object({
      holdoutSessions: z.number(),
      holdoutCases: z.number(),
      suggestedSessions: z.number(),
      suggestedCases: z.number(),
      suggestedDeflected: z.number(),
    })
    .meta({
      description: "New-request sessions (90 days) with and without suggestions, and how they ended",
    }),
  outdated: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      productModels: z.array(z.string()),
      updatedAt: z.iso.datetime(),
      newerFirmware: z.array(z.object({ model: z.string(), firmware: z.string(), seenAt: z.iso.datetime() })),
    }),
  ),
});
