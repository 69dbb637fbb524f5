import { z } from "zod";

/**
 * Snippets (issue #18): an agent's personal texts and their teams' shared ones, with
 * placeholders such as `{{customer.first_name}}` filled from the case. Offered, never required.
 */
const title = z.string().trim().min(1, "a title is needed").max(120);
const body = z.string().min(1, "a body is needed").max(10_000);

export const snippetInputSchema = z.strictObject({
  title,
  body,
  teamId: z.uuid().optional().meta({ description: "A team snippet (needs the team's lead or an admin)" }),
});
export const snippetPatchSchema = z
  .strictObject({ title: title.optional(), body: body.optional() })
  .refine((p) => p.title !== undefined || p.body !== undefined, {
    message: "nothing to change",
    path: ["title"],
  });

export const snippetSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  body: z.string(),
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  /** Whether the caller may change or delete it (their own, or a team's they lead, or admin). */
  canEdit: z.boolean(),
  placeholders: z.array(z.string()),
  updatedAt: z.string(),
});
export type Snippet = z.infer<typeof snippetSchema>;

export const snippetListSchema = z.object({ items: z.array(snippetSchema) });
export const snippetQuerySchema = z.strictObject({ q: z.string().trim().max(200).optional() });

/** A filled snippet: placeholders without a value stay visible in `text` and are listed in `missing`. */
export const snippetFillSchema = z.object({ text: z.string(), missing: z.array(z.string()) });
export type SnippetFill = z.infer<typeof snippetFillSchema>;
