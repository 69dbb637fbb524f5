import { z } from "zod";
import { messagePageSchema, messageSchema } from "./cases.ts";

/**
 * Staff protection (issue #20), the assessment side: what an agent sees of the classifier's
 * verdict on a customer's words, their own word on it, masking, and handing a case to a lead.
 * Server module: modules/conduct/assess. Customers never see any of this.
 */

export const assessmentOutcomeSchema = z.enum(["neutral", "frustrated", "abusive"]);
export const verdictSchema = z.enum(["abusive", "not_abusive"]);

export const assessmentSignalSchema = z.object({
  kind: z.string().meta({ description: "insult, threat, slur, sexual, profanity, anger, addressed…" }),
  detail: z.string(),
  text: z.string().optional().meta({ description: "The words that fired it, as written" }),
});

// Without an id, so it can be written inline where it is nullable (the response serializer
// settles a nullable reference by validating each branch, which fails on `$ref`).
const assessmentFields = z.object({
  outcome: assessmentOutcomeSchema
    .nullable()
    .meta({ description: "null: the classifier failed on this text (or only an agent's verdict exists)" }),
  signals: z.array(assessmentSignalSchema),
  maskSpans: z
    .array(z.tuple([z.number().int(), z.number().int()]))
    .meta({ description: "[start, end) character ranges of the body to mask in the agent's view" }),
  assessedAt: z.iso.datetime(),
  verdict: verdictSchema.nullable().meta({ description: "An agent's word on it, if any" }),
  verdictAt: z.iso.datetime().nullable(),
  abusive: z
    .boolean()
    .meta({ description: "What counts: a verdict of abusive, or outcome abusive with no verdict" }),
});
export const assessmentSchema = assessmentFields.meta({ id: "MessageAssessment" });
export type MessageAssessment = z.infer<typeof assessmentSchema>;

/**
 * The assessments of one case's customer messages, by message id. The messages themselves come
 * from `GET /api/v1/cases/{id}/messages` (the conversation, shared with the portal); this is the
 * staff-only layer over it, so customers' reads never carry an assessment.
 */
export const caseAssessmentsSchema = z
  .object({
    items: z.array(z.object({ messageId: z.uuid(), assessment: assessmentSchema })),
    maskAbuse: z.boolean().meta({ description: "The caller's own masking preference" }),
  })
  .meta({ id: "CaseMessageAssessments" });
export type CaseAssessments = z.infer<typeof caseAssessmentsSchema>;

export const verdictInputSchema = z.strictObject({ verdict: verdictSchema });
export type VerdictInput = z.infer<typeof verdictInputSchema>;

export const revealResultSchema = z.object({ recorded: z.literal(true) });

export const conductPreferencesSchema = z
  .object({ maskAbuse: z.boolean() })
  .meta({ id: "ConductPreferences" });
export const conductPreferencesInputSchema = z.strictObject({ maskAbuse: z.boolean() });

export const handToLeadResultSchema = z.object({
  caseId: z.uuid(),
  assigneeId: z.uuid(),
  assigneeName: z.string(),
});
export type HandToLeadResult = z.infer<typeof handToLeadResultSchema>;

export const assessmentExportQuerySchema = z.strictObject({
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, "must be a cursor from a previous page")
    .optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

/**
 * `GET /api/v1/cases/{id}/messages` as staff read it: each customer message carries its
 * assessment (null while not assessed). Customers' reads of the same route never have the field.
 */
export const staffMessagePageSchema = messagePageSchema.extend({
  items: z.array(
    messageSchema
      .extend({
        // Staff only, customer messages only: the tone assessment (null: not assessed yet).
        assessment: assessmentFields.nullable().optional(),
      })
      .meta({ id: "MessageWithAssessment" }),
  ),
});
