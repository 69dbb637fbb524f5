import { z } from "zod";

/**
 * Staff protection (issue #20): a customer's conduct history, the managers' review queue, the
 * ladder of steps, appeals and reports (server modules/conduct/{history,ladder,appeals,reports}).
 */

export const STEP_KINDS = ["warning", "restricted", "suspended", "ended"] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const conductSettingsSchema = z
  .object({
    halfLifeDays: z.number().int(),
    reviewThreshold: z.number(),
    frustrationRaisesPriority: z.boolean(),
  })
  .meta({ id: "ConductSettings" });
export type ConductSettingsView = z.infer<typeof conductSettingsSchema>;

export const conductSettingsInputSchema = z.strictObject({
  halfLifeDays: z
    .number()
    .int("must be a whole number of days")
    .min(1, "must be 1 to 3650")
    .max(3650, "must be 1 to 3650"),
  reviewThreshold: z.number().gt(0, "must be above 0").max(1000, "must be at most 1000"),
  frustrationRaisesPriority: z.boolean(),
});

const signalSchema = z.object({ kind: z.string(), detail: z.string(), text: z.string().optional() });

export const flagSchema = z.object({
  id: z.string().meta({ description: "The text_assessments id (evidence for a step)" }),
  status: z.enum(["confirmed", "cleared", "unconfirmed"]),
  outcome: z.enum(["neutral", "frustrated", "abusive"]).nullable(),
  signals: z.array(signalSchema),
  excerpt: z.string(),
  messageId: z.string(),
  caseId: z.string().nullable(),
  caseNumber: z.number().nullable(),
  assessedAt: z.string(),
  verdictAt: z.string().nullable(),
  weight: z.number().meta({ description: "What this flag adds to the score today (0 unless confirmed)" }),
});
export type FlagView = z.infer<typeof flagSchema>;

export const restrictionsSchema = z.strictObject({
  channels: z
    .array(z.enum(["email", "web", "phone", "chat", "api"]))
    .min(1, "name at least one allowed channel")
    .max(5),
  agentMembershipId: z.uuid().nullable().optional(),
});

export const stepSchema = z.object({
  id: z.uuid(),
  kind: z.enum(STEP_KINDS),
  reason: z.string(),
  evidence: z.array(z.string()),
  restrictions: z
    .object({ channels: z.array(z.string()), agentMembershipId: z.string().nullable().optional() })
    .nullable(),
  notice: z.string(),
  noticeCaseId: z.string().nullable(),
  decidedBy: z.object({ id: z.string().nullable(), name: z.string() }),
  decidedAt: z.string(),
  expiresAt: z.string().nullable(),
  liftedAt: z.string().nullable(),
  liftReason: z.string().nullable(),
  inForce: z.boolean(),
});
export type StepView = z.infer<typeof stepSchema>;

export const appealSchema = z.object({
  id: z.uuid(),
  stepId: z.uuid(),
  stepKind: z.enum(STEP_KINDS),
  customerId: z.uuid(),
  customerName: z.string(),
  body: z.string(),
  receivedAt: z.string(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  deciderId: z.string().nullable(),
  outcome: z.enum(["upheld", "overturned"]).nullable(),
  response: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type AppealView = z.infer<typeof appealSchema>;

export const contextSchema = z.object({
  openProblems: z.array(z.object({ id: z.string(), title: z.string() })),
  repeatContacts: z.number(),
  slaBreaches: z.number(),
  negativeSurveys: z.number(),
  summary: z.string().meta({ description: "One sentence: how the company may have failed this customer" }),
});

export const customerConductSchema = z
  .object({
    customerId: z.uuid(),
    customerName: z.string(),
    score: z.number(),
    threshold: z.number(),
    halfLifeDays: z.number(),
    flags: z.array(flagSchema),
    steps: z.array(stepSchema),
    appeals: z.array(appealSchema),
    context: contextSchema,
    templates: z.record(z.enum(STEP_KINDS), z.string()),
  })
  .meta({ id: "CustomerConduct" });
export type CustomerConduct = z.infer<typeof customerConductSchema>;

export const reviewQueueSchema = z.object({
  threshold: z.number(),
  items: z.array(
    z.object({
      customerId: z.uuid(),
      customerName: z.string(),
      score: z.number(),
      confirmedFlags: z.number(),
      lastFlagAt: z.string().nullable(),
      stepInForce: z.object({ kind: z.enum(STEP_KINDS), expiresAt: z.string().nullable() }).nullable(),
      evidence: z.array(z.object({ id: z.string(), excerpt: z.string(), caseNumber: z.number().nullable() })),
      context: z.object({
        openProblems: z.number(),
        repeatContacts: z.number(),
        slaBreaches: z.number(),
        negativeSurveys: z.number(),
      }),
    }),
  ),
});
export type ReviewQueue = z.infer<typeof reviewQueueSchema>;

export const MAX_NOTICE = 5000;
export const MAX_REASON = 2000;

export const takeStepInputSchema = z.strictObject({
  kind: z.enum(STEP_KINDS),
  reason: z.string().trim().min(1, "say why").max(MAX_REASON),
  evidence: z
    .array(z.string().regex(/^\d{1,15}$/, "must be assessment ids"))
    .max(100)
    .default([]),
  notice: z.string().trim().min(1, "must not be empty").max(MAX_NOTICE).optional(),
  expiresInDays: z
    .number()
    .int("must be whole days")
    .min(1, "must be 1 to 3650")
    .max(3650, "must be 1 to 3650")
    .optional(),
  restrictions: restrictionsSchema.optional(),
});
export type TakeStepInput = z.infer<typeof takeStepInputSchema>;

export const liftStepInputSchema = z.strictObject({
  reason: z.string().trim().min(1, "say why").max(MAX_REASON),
});

export const appealDecisionInputSchema = z.strictObject({
  outcome: z.enum(["upheld", "overturned"]),
  response: z.string().trim().min(1, "write the customer an answer").max(MAX_NOTICE),
});

export const conductNoticeSchema = z.object({
  kind: z.enum(STEP_KINDS).nullable(),
  channels: z.array(z.string()).nullable(),
  agentName: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export type ConductNotice = z.infer<typeof conductNoticeSchema>;

export const appealsPageSchema = z.object({ items: z.array(appealSchema) });

const dateQuery = z.iso.datetime({ offset: true }).or(z.iso.date());
export const conductReportQuerySchema = z.strictObject({
  from: dateQuery.optional(),
  to: dateQuery.optional(),
});

export const conductReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  months: z.array(
    z.object({
      month: z.string(),
      flagged: z.number(),
      confirmed: z.number(),
      cleared: z.number(),
      unconfirmed: z.number(),
    }),
  ),
  averageHoursToDecision: z.number().nullable(),
  decisions: z.number(),
  agentsExposed: z.array(
    z.object({ membershipId: z.string(), name: z.string(), abusiveMessages: z.number() }),
  ),
});
export type ConductReport = z.infer<typeof conductReportSchema>;
