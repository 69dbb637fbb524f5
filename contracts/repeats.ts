import { z } from "zod";

/** Repeat contacts and at-risk customers (issue #19; server module modules/repeats). */

export const retentionSettingsSchema = z
  .object({
    repeatWindowDays: z.number().int().meta({
      description:
        "A new or reopened case within this many days of an earlier one about the same issue is a repeat contact",
    }),
  })
  .meta({ id: "RetentionSettings" });
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

export const retentionSettingsPatchSchema = z.strictObject({
  repeatWindowDays: z
    .number()
    .int("must be a whole number of days")
    .min(1, "must be 1 to 90")
    .max(90, "must be 1 to 90"),
});

const dateQuery = z.iso.datetime({ offset: true }).or(z.iso.date());

export const repeatReportQuerySchema = z.strictObject({
  groupBy: z.enum(["agent", "team", "topic"]),
  from: dateQuery.optional(),
  to: dateQuery.optional(),
});

export const repeatReportSchema = z.object({
  groupBy: z.enum(["agent", "team", "topic"]),
  from: z.string(),
  to: z.string(),
  total: z.number(),
  items: z.array(
    z.object({
      key: z.string().nullable().meta({ description: "Membership id, team id or tag; null = none" }),
      label: z.string(),
      count: z.number(),
    }),
  ),
});

export const riskReasonSchema = z.object({
  kind: z.enum(["repeat_contacts", "open_cases", "language", "unanswered", "negative_survey", "frustrated"]),
  points: z.number(),
  summary: z.string(),
  evidence: z.array(
    z.object({ caseId: z.string().nullable(), caseNumber: z.number().nullable(), text: z.string() }),
  ),
});
export type RiskReasonView = z.infer<typeof riskReasonSchema>;

export const customerRiskSchema = z
  .object({
    customerId: z.uuid(),
    customerName: z.string(),
    score: z.number(),
    atRisk: z.boolean(),
    since: z.string().nullable(),
    updatedAt: z.string().nullable(),
    reasons: z.array(riskReasonSchema),
  })
  .meta({ id: "CustomerRisk" });
export type CustomerRisk = z.infer<typeof customerRiskSchema>;

export const atRiskQuerySchema = z.strictObject({
  cursor: z
    .string()
    .regex(/^\d{1,7}$/, "must be the nextCursor of the previous page")
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  sort: z.enum(["score", "-score", "since"]).default("score"),
});

export const atRiskPageSchema = z.object({
  items: z.array(customerRiskSchema),
  nextCursor: z.string().nullable(),
});

export const reachOutInputSchema = z.strictObject({
  subject: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
  note: z.string().trim().max(4000, "must be at most 4000 characters").optional(),
});

export const reachOutResultSchema = z.object({
  caseId: z.uuid(),
  number: z.number(),
  assignment: z.enum(["preferred_agent", "dedicated_team", "unassigned"]),
  assigneeId: z.string().nullable(),
  teamId: z.string().nullable(),
});

export const caseRepeatSchema = z.object({
  repeat: z
    .object({
      previousCaseId: z.uuid(),
      previousCaseNumber: z.number(),
      reason: z.enum(["problem", "signature", "similar", "link", "reopen"]),
      detectedAt: z.string(),
    })
    .nullable(),
});
