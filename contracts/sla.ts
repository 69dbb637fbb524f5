import { z } from "zod";
import { PRIORITIES } from "./cases.ts";

/**
 * Business hours and SLA policies (issue #18, docs/agents-api.md). Business hours are weekly
 * wall-clock periods in an IANA zone, with holidays; targets are business minutes.
 */
const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, "must be HH:MM (00:00 to 24:00)");

export const weeklyPeriodSchema = z
  .strictObject({
    day: z
      .number()
      .int()
      .min(0, "must be 0 (Sunday) to 6 (Saturday)")
      .max(6, "must be 0 (Sunday) to 6 (Saturday)"),
    start: hhmm,
    end: hhmm,
  })
  .refine((p) => p.end > p.start, { message: "end must be after start", path: ["end"] });

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "must be a real date");

export const businessHoursInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  teamId: z.uuid().nullable().optional().meta({ description: "null or absent: the workspace's default" }),
  timezone: z.string().trim().min(1).max(64).meta({ description: "IANA zone, e.g. Europe/Berlin" }),
  periods: z.array(weeklyPeriodSchema).max(100),
  holidays: z.array(isoDate).max(400).default([]),
  followOnId: z
    .uuid()
    .nullable()
    .optional()
    .meta({ description: "Follow-the-sun: who takes over outside these hours" }),
});
export type BusinessHoursInput = z.infer<typeof businessHoursInputSchema>;

export const businessHoursSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    teamId: z.uuid().nullable(),
    timezone: z.string(),
    periods: z.array(z.object({ day: z.number(), start: z.string(), end: z.string() })),
    holidays: z.array(z.string()),
    followOnId: z.uuid().nullable(),
    openNow: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "BusinessHours" });
export const businessHoursListSchema = z.object({ items: z.array(businessHoursSchema) });

export const SLA_TARGETS = ["first_reply", "next_reply", "resolution"] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

const minutes = z.number().int().min(1).max(525_600);
export const slaPolicyInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  position: z.number().int().min(0).max(10_000).default(0),
  conditions: z
    .strictObject({
      priority: z.enum(PRIORITIES).optional(),
      organization: z.string().trim().min(1).max(200).optional(),
      plan: z.string().trim().min(1).max(200).optional().meta({ description: "The customer's `plan` fact" }),
    })
    .default({}),
  targets: z
    .strictObject({
      firstReplyMinutes: minutes.optional(),
      nextReplyMinutes: minutes.optional(),
      resolutionMinutes: minutes.optional(),
    })
    .refine((t) => Object.keys(t).length > 0, "give at least one target"),
  calendar: z.enum(["team", "always"]).default("team"),
});
export type SlaPolicyInput = z.infer<typeof slaPolicyInputSchema>;
export const slaPolicyPatchSchema = z.strictObject({
  name: slaPolicyInputSchema.shape.name.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  conditions: slaPolicyInputSchema.shape.conditions.optional(),
  targets: slaPolicyInputSchema.shape.targets.optional(),
  calendar: z.enum(["team", "always"]).optional(),
});
export type SlaPolicyPatch = z.infer<typeof slaPolicyPatchSchema>;

export const slaPolicySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    position: z.number(),
    conditions: z.object({
      priority: z.string().optional(),
      organization: z.string().optional(),
      plan: z.string().optional(),
    }),
    targets: z.object({
      firstReplyMinutes: z.number().optional(),
      nextReplyMinutes: z.number().optional(),
      resolutionMinutes: z.number().optional(),
    }),
    calendar: z.enum(["team", "always"]),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "SlaPolicy" });
export const slaPolicyListSchema = z.object({ items: z.array(slaPolicySchema) });

export { CASE_SLA_STATES as SLA_STATES, type CaseSla, caseSlaSchema } from "./cases.ts";

export const slaReportQuerySchema = z.object({
  from: z.iso.date().or(z.iso.datetime()).optional(),
  to: z.iso.date().or(z.iso.datetime()).optional(),
});
const attainment = z.object({ met: z.number(), breached: z.number(), attainment: z.number().nullable() });
export const slaReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    teams: z.array(
      z.object({
        teamId: z.uuid().nullable(),
        teamName: z.string().nullable(),
        firstReply: attainment,
        nextReply: attainment,
        resolution: attainment,
      }),
    ),
  })
  .meta({ id: "SlaReport" });

export const slaNotificationListSchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      caseId: z.uuid(),
      caseNumber: z.number(),
      subject: z.string(),
      kind: z.enum(["warning", "breached"]),
      createdAt: z.string(),
    }),
  ),
});
