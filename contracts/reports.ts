import { z } from "zod";

/** Support metrics (issue #19): which figures exist and how a report is asked for. */
export const REPORT_METRICS = [
  "first-reply-time",
  "next-reply-time",
  "resolution-time",
  "one-touch",
  "reopen-rate",
  "repeat-contact-rate",
  "backlog",
  "csat",
  "ces",
] as const;
export type ReportMetric = (typeof REPORT_METRICS)[number];
export const REPORT_GROUPS = ["day", "week", "month", "team", "agent", "channel", "tag"] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];
export const CHANNELS = ["email", "web", "phone", "chat", "api", "social"] as const;
/** Backlog age buckets, by how long an open case has waited at the period's end. */
export const BACKLOG_BUCKETS = ["under-1d", "1-3d", "3-7d", "7-30d", "over-30d"] as const;

export const reportMetricParamSchema = z.strictObject({ metric: z.enum(REPORT_METRICS) });

export const reportQuerySchema = z.strictObject({
  /** First day counted (YYYY-MM-DD); default 30 days before `to`. */
  from: z.iso.date().optional(),
  /** Last day counted, inclusive (YYYY-MM-DD); default today. At most two years after `from`. */
  to: z.iso.date().optional(),
  groupBy: z.enum(REPORT_GROUPS).optional(),
  team: z.uuid().optional(),
  agent: z.uuid().optional(),
  channel: z.enum(CHANNELS).optional(),
  tag: z.string().trim().min(1).max(100).optional(),
  /** business: times in business hours, days in the workspace's zone; customer: elapsed time on the customer's own clock, days in their zone. */
  clock: z.enum(["business", "customer"]).default("business"),
  format: z.enum(["json", "csv"]).optional(),
});
export type ReportQuery = z.infer<typeof reportQuerySchema>;

export const reportCasesQuerySchema = reportQuerySchema.extend({
  /** The figure's bucket: a group key (day, team id, channel…) or a backlog age bucket. */
  bucket: z.string().trim().min(1).max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ReportCasesQuery = z.infer<typeof reportCasesQuerySchema>;

const figure = z.object({
  /** Average minutes for times, a share 0–1 for rates, mean score for csat/ces, cases for backlog. */
  value: z.number().nullable(),
  /** How many cases (or answers) the figure is made of. */
  count: z.number(),
  /** For rates and surveys: how many of `count` are in the numerator (positive answers for csat/ces). */
  hits: z.number().nullable(),
});

export const reportSchema = z
  .object({
    metric: z.enum(REPORT_METRICS),
    unit: z.enum(["minutes", "share", "score", "cases"]),
    clock: z.enum(["business", "customer"]),
    from: z.string(),
    to: z.string(),
    groupBy: z.enum([...REPORT_GROUPS, "age"]).nullable(),
    total: figure,
    rows: z.array(figure.extend({ key: z.string(), label: z.string() })),
  })
  .meta({ id: "SupportReport" });
export type Report = z.infer<typeof reportSchema>;

export const reportCaseSchema = z.object({
  id: z.uuid(),
  number: z.number(),
  subject: z.string(),
  status: z.string(),
  channel: z.string(),
  createdAt: z.string(),
  /** This case's own figure: minutes, a 0/1 flag for rates, the rating, or its age in minutes. */
  value: z.number().nullable(),
});
export const reportCasesSchema = z
  .object({ items: z.array(reportCaseSchema), total: z.number(), page: z.number(), limit: z.number() })
  .meta({ id: "SupportReportCases" });
