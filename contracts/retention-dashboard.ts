import { z } from "zod";

/**
 * Retention (issue #19): the retention dashboard, cohort curves and the churned customers'
 * last 90 days of support. Every figure carries its sample size; a group of fewer than
 * MIN_SAMPLE customers has no rate (null) and says so, rather than a number it cannot support.
 */
export const MIN_SAMPLE = 30;
export const MAX_RANGE_DAYS = 731;

export const retentionRangeQuerySchema = z.strictObject({
  from: z.iso.date().meta({ description: "First day (YYYY-MM-DD, UTC)" }),
  to: z.iso.date().meta({ description: "Last day (YYYY-MM-DD, UTC), at most 2 years after from" }),
});
export type RetentionRangeQuery = z.infer<typeof retentionRangeQuerySchema>;

export const cohortQuerySchema = retentionRangeQuerySchema.extend({
  by: z.enum(["month"]).default("month"),
});

export const retentionGroupSchema = z.object({
  key: z.string(),
  /** Customers active at the start of the range in this group (the sample size). */
  customers: z.number(),
  retained: z.number(),
  /** retained / customers, or null when customers < MIN_SAMPLE. */
  retention: z.number().nullable(),
  /** Customers with a known value at the start (the revenue sample size). */
  valued: z.number(),
  revenueStart: z.number(),
  revenueEnd: z.number(),
  /** revenueEnd / revenueStart, or null when valued < MIN_SAMPLE. */
  revenueRetention: z.number().nullable(),
  tooFew: z.boolean(),
});
export type RetentionGroup = z.infer<typeof retentionGroupSchema>;

export const SPLITS = ["repeatContacts", "csat", "resolutionTime", "trained", "community"] as const;
export const splitKeySchema = z.enum(SPLITS);

export const offerOutcomeSchema = z.object({
  status: z.enum(["offered", "accepted", "ignored", "none"]),
  /** Offers (for "none": solved cases in the range without an offer). */
  count: z.number(),
  csatResponses: z.number(),
  csatPositive: z.number(),
  csatNegative: z.number(),
  /** Share of positive CSAT answers, or null under MIN_SAMPLE answers. */
  csatPositiveShare: z.number().nullable(),
});

export const retentionDashboardSchema = z.object({
  from: z.string(),
  to: z.string(),
  minSample: z.number(),
  overall: retentionGroupSchema,
  splits: z.array(z.object({ split: splitKeySchema, groups: z.array(retentionGroupSchema) })),
  offers: z.array(offerOutcomeSchema),
});
export type RetentionDashboard = z.infer<typeof retentionDashboardSchema>;

export const cohortSchema = z.object({
  month: z.string().meta({ description: "YYYY-MM of the customers' first subscription" }),
  size: z.number(),
  tooFew: z.boolean(),
  /** Month k after the cohort's month: customers not churned at its end. Only months that have ended. */
  points: z.array(z.object({ offset: z.number(), retained: z.number(), share: z.number().nullable() })),
});
export const cohortsSchema = z.object({ minSample: z.number(), cohorts: z.array(cohortSchema) });
export type Cohorts = z.infer<typeof cohortsSchema>;

export const churnedCustomerSchema = z.object({
  customer: z.object({ id: z.uuid(), name: z.string() }),
  churnedAt: z.iso.datetime(),
  value: z.number().nullable(),
  cases: z.array(
    z.object({
      id: z.uuid(),
      number: z.number(),
      subject: z.string(),
      status: z.string(),
      createdAt: z.iso.datetime(),
    }),
  ),
  surveys: z.array(
    z.object({
      caseId: z.uuid(),
      kind: z.string(),
      rating: z.number(),
      sentiment: z.string(),
      comment: z.string().nullable(),
      respondedAt: z.iso.datetime(),
    }),
  ),
  repeats: z.array(
    z.object({
      caseId: z.uuid(),
      previousCaseId: z.uuid(),
      reason: z.string(),
      detectedAt: z.iso.datetime(),
    }),
  ),
});
export const churnedListSchema = z.object({ items: z.array(churnedCustomerSchema) });
export type ChurnedList = z.infer<typeof churnedListSchema>;
