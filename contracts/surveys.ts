import { z } from "zod";

/**
 * Surveys (issue #19): CSAT and CES after a case is solved. Settings live on the workspace's
 * `retention_settings` row; answers in `survey_responses` (read by the other parts of #19).
 */
export const SURVEY_KINDS = ["csat", "ces"] as const;
export const SURVEY_REASONS = ["agent", "product", "policy", "speed", "other"] as const;
export const surveyReasonSchema = z.enum(SURVEY_REASONS);
export type SurveyReason = z.infer<typeof surveyReasonSchema>;

export const surveySettingsSchema = z
  .object({
    enabled: z.boolean(),
    kinds: z.array(z.enum(SURVEY_KINDS)),
    csatScale: z.enum(["five", "three"]),
    delayMinutes: z.number().int(),
    throttleDays: z.number().int(),
    windowDays: z.number().int(),
  })
  .meta({ id: "SurveySettings" });
export type SurveySettings = z.infer<typeof surveySettingsSchema>;

export const surveySettingsPatchSchema = z
  .strictObject({
    enabled: z.boolean().optional(),
    kinds: z
      .array(z.enum(SURVEY_KINDS))
      .min(1, "choose at least one survey")
      .max(2)
      .refine((k) => new Set(k).size === k.length, "must not repeat a kind")
      .optional(),
    csatScale: z.enum(["five", "three"]).optional(),
    delayMinutes: z.number().int().min(0).max(43_200, "must be at most 43200 (30 days)").optional(),
    throttleDays: z.number().int().min(0).max(365).optional(),
    windowDays: z.number().int().min(1).max(365).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "send at least one field to change");
export type SurveySettingsPatch = z.infer<typeof surveySettingsPatchSchema>;

export const surveyResponseSchema = z
  .object({
    surveyId: z.uuid(),
    caseId: z.uuid(),
    caseNumber: z.number(),
    customerId: z.uuid(),
    customerName: z.string(),
    agentId: z.uuid().nullable(),
    teamId: z.uuid().nullable(),
    kind: z.enum(SURVEY_KINDS),
    scale: z.enum(["five", "three", "seven"]),
    rating: z.number().int(),
    sentiment: z.enum(["positive", "neutral", "negative"]),
    comment: z.string().nullable(),
    reason: surveyReasonSchema.nullable(),
    respondedAt: z.iso.datetime(),
  })
  .meta({ id: "SurveyResponse" });

const isoDay = z.iso.datetime({ offset: true }).or(z.iso.date());

export const surveyResponsesQuerySchema = z.strictObject({
  caseId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  agentId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const surveyResponseListSchema = z.object({
  items: z.array(surveyResponseSchema),
  /** Over the matched responses, not just this page: CSAT % positive and CES mean. */
  csatPositivePercent: z.number().nullable(),
  cesAverage: z.number().nullable(),
  count: z.number(),
});

export const surveySummaryQuerySchema = z.strictObject({
  groupBy: z.enum(["agent", "team"]),
  from: isoDay.optional(),
  to: isoDay.optional(),
});

export const surveySummarySchema = z.object({
  groupBy: z.enum(["agent", "team"]),
  items: z.array(
    z.object({
      id: z.uuid().nullable(),
      name: z.string(),
      csatCount: z.number(),
      csatPositivePercent: z.number().nullable(),
      cesCount: z.number(),
      cesAverage: z.number().nullable(),
      negativeCount: z.number(),
    }),
  ),
});

export const surveyFollowUpSchema = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    caseNumber: z.number(),
    caseSubject: z.string(),
    customerName: z.string(),
    assigneeId: z.uuid(),
    assigneeName: z.string(),
    rating: z.number(),
    scale: z.enum(["five", "three", "seven"]),
    reason: surveyReasonSchema.nullable(),
    comment: z.string().nullable(),
    status: z.enum(["open", "done"]),
    note: z.string().nullable(),
    createdAt: z.iso.datetime(),
    doneAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "SurveyFollowUp" });

export const surveyFollowUpsQuerySchema = z.strictObject({
  status: z.enum(["open", "done"]).optional(),
  /** Admins may list everyone's; others always see their own. */
  all: z.enum(["true", "false"]).optional(),
});

export const surveyFollowUpListSchema = z.object({ items: z.array(surveyFollowUpSchema) });

export const surveyFollowUpPatchSchema = z.strictObject({
  status: z.enum(["open", "done"]),
  note: z.string().trim().max(2000, "must be at most 2000 characters").optional(),
});

/** The portal: a customer's own survey on one of their solved cases. */
export const portalSurveySchema = z.object({
  surveyId: z.uuid(),
  kind: z.enum(SURVEY_KINDS),
  scale: z.enum(["five", "three", "seven"]),
  open: z.boolean().meta({ description: "False once the response window has passed" }),
  rating: z.number().nullable(),
  comment: z.string().nullable(),
  reason: surveyReasonSchema.nullable(),
});
export const portalSurveyListSchema = z.object({ items: z.array(portalSurveySchema) });

export const surveyAnswerInputSchema = z.strictObject({
  rating: z.number().int().min(1).max(7),
  comment: z.string().trim().max(4000, "must be at most 4000 characters").optional(),
  reason: surveyReasonSchema.optional(),
});
export type SurveyAnswerInput = z.infer<typeof surveyAnswerInputSchema>;
