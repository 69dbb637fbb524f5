import { z } from "zod";

/**
 * Help center (issue #15): categories with sections, and articles in markdown with versions,
 * translations, old slugs kept as redirects, attachments and an optional problem link.
 * Reading rules (who sees which article) live in the server's help.policy.ts.
 */
export const ARTICLE_STATES = ["draft", "published", "archived"] as const;
export const ARTICLE_VISIBILITIES = ["public", "customers", "agents"] as const;
export const articleStateSchema = z.enum(ARTICLE_STATES);
export const articleVisibilitySchema = z.enum(ARTICLE_VISIBILITIES);
export type ArticleState = z.infer<typeof articleStateSchema>;
export type ArticleVisibility = z.infer<typeof articleVisibilitySchema>;

export const MAX_ARTICLE_BODY = 200_000;
export const MAX_HELP_ATTACHMENT_BYTES = 5 * 1024 * 1024;

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max);

/** Lower-case letters, digits and single hyphens between them: "reset-your-speaker". */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const slugSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(120)
  .regex(SLUG, "may hold only lower-case letters, digits and single hyphens between them");

/** A language tag like "en", "de" or "pt-BR". */
export const LOCALE = /^[a-z]{2,3}(?:-[A-Z]{2}|-[0-9]{3})?$/;
export const localeSchema = z
  .string()
  .trim()
  .regex(LOCALE, 'must be a language tag like "en" or "pt-BR"')
  .meta({ description: 'A language tag like "en" or "pt-BR"' });

const tagsSchema = z
  .array(z.string().trim().min(1, "must not be empty").max(40, "must be at most 40 characters"))
  .max(20, "at most 20 tags");
const productModelsSchema = z.array(text(120)).max(50, "at most 50 product models");

// ---- categories and sections ----

export const categoryInputSchema = z.strictObject({
  name: text(120),
  slug: slugSchema.optional().meta({ description: "Made from the name when absent" }),
  description: z.string().trim().max(2000).optional(),
  position: z.number().int().min(0).max(100_000).optional(),
  sections: z
    .array(
      z.strictObject({
        id: z.uuid().optional().meta({ description: "An existing section to keep (PATCH)" }),
        name: text(120),
        slug: slugSchema.optional(),
        position: z.number().int().min(0).max(100_000).optional(),
      }),
    )
    .max(100)
    .optional()
    .meta({ description: "The category's sections; on PATCH the whole list (absent ones are removed)" }),
});
export type CategoryInput = z.infer<typeof categoryInputSchema>;
export const categoryPatchSchema = categoryInputSchema
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: "nothing to change", path: ["name"] });
export type CategoryPatch = z.infer<typeof categoryPatchSchema>;

export const sectionSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  position: z.number(),
});
export const categorySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    slug: z.string(),
    description: z.string(),
    position: z.number(),
    sections: z.array(sectionSchema),
  })
  .meta({ id: "HelpCategory" });
export const categoryListSchema = z.object({ items: z.array(categorySchema) });

// ---- articles ----

const articleFields = {
  title: text(200),
  body: z
    .string()
    .max(MAX_ARTICLE_BODY, "must be at most 200 kB")
    .refine((v) => v.trim().length > 0, "must not be empty")
    .meta({ description: "Markdown; raw HTML is shown as text" }),
  state: articleStateSchema,
  visibility: articleVisibilitySchema,
  categoryId: z.uuid().nullable(),
  sectionId: z.uuid().nullable(),
  tags: tagsSchema,
  productModels: productModelsSchema,
  problemId: z.uuid().nullable(),
  playbookSlug: slugSchema.nullable(),
};

export const createArticleSchema = z.strictObject({
  ...articleFields,
  categoryId: articleFields.categoryId.optional(),
  sectionId: articleFields.sectionId.optional(),
  tags: tagsSchema.optional(),
  productModels: productModelsSchema.optional(),
  problemId: articleFields.problemId.optional(),
  playbookSlug: articleFields.playbookSlug.optional(),
  locale: localeSchema.optional().meta({ description: "Defaults to the workspace's language" }),
  slug: slugSchema.optional().meta({ description: "Made from the title when absent" }),
  translationOf: z
    .uuid()
    .optional()
    .meta({ description: "An article this one translates; one article per locale per group" }),
});
export type CreateArticle = z.infer<typeof createArticleSchema>;

export const articlePatchSchema = z
  .strictObject({ ...articleFields, slug: slugSchema })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: "nothing to change", path: ["title"] });
export type ArticlePatch = z.infer<typeof articlePatchSchema>;

export const articleProblemSchema = z.object({
  id: z.uuid(),
  number: z.number().optional().meta({ description: "Staff only" }),
  publicTitle: z.string().nullable(),
  status: z.string(),
});

export const articleSchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    locale: z.string(),
    title: z.string(),
    body: z.string(),
    bodyHtml: z.string().meta({ description: "The body rendered and sanitised" }),
    state: articleStateSchema,
    visibility: articleVisibilitySchema,
    categoryId: z.uuid().nullable(),
    sectionId: z.uuid().nullable(),
    tags: z.array(z.string()),
    productModels: z.array(z.string()),
    problemId: z.uuid().nullable(),
    problem: articleProblemSchema.nullable(),
    playbookSlug: z.string().nullable(),
    translationGroupId: z.uuid(),
    version: z.number(),
    publishedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "HelpArticle" });
export type Article = z.infer<typeof articleSchema>;

export const articleSummarySchema = articleSchema.omit({ body: true, bodyHtml: true, problem: true });
export const articleListSchema = z.object({ items: z.array(articleSummarySchema) });

export const articleListQuerySchema = z.strictObject({
  state: articleStateSchema.optional(),
  locale: localeSchema.optional(),
  categoryId: z.uuid().optional(),
  q: z.string().trim().max(200).optional().meta({ description: "Words of the title" }),
});

export const articleBySlugParamsSchema = z.strictObject({ locale: localeSchema, slug: slugSchema });
export const redirectSchema = z.object({ redirectTo: z.string() });

// ---- versions ----

export const versionSchema = z.object({
  number: z.number(),
  title: z.string(),
  body: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export const versionSummarySchema = versionSchema.omit({ body: true });
export const versionListSchema = z.object({ items: z.array(versionSummarySchema) });
const versionNumber = z.coerce.number().int().min(1).max(1_000_000_000);
export const versionParamsSchema = z.strictObject({ id: z.uuid(), n: versionNumber });
export const compareQuerySchema = z.strictObject({ from: versionNumber, to: versionNumber });
export const diffLineSchema = z.object({
  op: z.enum(["equal", "add", "remove"]),
  text: z.string(),
});
export const compareSchema = z.object({
  from: z.number(),
  to: z.number(),
  title: z.array(diffLineSchema),
  body: z.array(diffLineSchema),
});

// ---- translations ----

export const translationListSchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      locale: z.string(),
      title: z.string(),
      slug: z.string(),
      state: articleStateSchema,
    }),
  ),
});

// ---- attachments ----

export const helpAttachmentInputSchema = z.strictObject({
  name: text(200),
  contentType: z.string().trim().max(100),
  dataBase64: z.base64("must be base64").max(7_000_000, "attachments are limited to 5 MB"),
});
export const helpAttachmentSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
  url: z.string(),
  markdown: z.string().meta({ description: "A snippet the editor can insert into the body" }),
});
