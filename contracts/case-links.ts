import { z } from "zod";
import { caseStatusSchema } from "./cases.ts";

/**
 * Related cases (issue #19): an explicit, undirected link between two cases of a workspace.
 * A recent linked case of the same customer makes the newer one a repeat contact (reason `link`).
 */

/** The other case by id (integrations) or by its number (what an agent types). */
export const caseLinkInputSchema = z
  .strictObject({
    caseId: z.uuid().optional(),
    caseNumber: z.number().int().positive().optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.caseId === undefined) === (v.caseNumber === undefined))
      ctx.addIssue({ code: "custom", path: ["caseId"], message: "Give either caseId or caseNumber" });
  });
export type CaseLinkInput = z.infer<typeof caseLinkInputSchema>;

export const caseLinkParamsSchema = z.strictObject({ id: z.uuid(), otherId: z.uuid() });

export const caseLinkSchema = z
  .object({
    caseId: z.uuid(),
    number: z.number().int(),
    subject: z.string(),
    status: caseStatusSchema,
    customerId: z.uuid(),
    customerName: z.string(),
    linkedAt: z.iso.datetime(),
    linkedBy: z.string().nullable().meta({ description: "Who made the link; null when unknown" }),
  })
  .meta({ id: "CaseLink" });
export type CaseLink = z.infer<typeof caseLinkSchema>;

export const caseLinkListSchema = z.object({ items: z.array(caseLinkSchema) }).meta({ id: "CaseLinkList" });
