import { z } from "zod";

/**
 * Problems (issue #14): a recurring problem handled as one object. Cases link to it; its
 * owner keeps every affected customer informed with one update; affected products make it a
 * known issue on matching customers' screens.
 */
export const PROBLEM_STATUSES = [
  "investigating",
  "identified",
  "workaround_available",
  "fix_in_progress",
  "fixed",
  "closed",
] as const;
export const problemStatusSchema = z.enum(PROBLEM_STATUSES);
export type ProblemStatus = z.infer<typeof problemStatusSchema>;

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max);

/**
 * A firmware/version range: one or two comparisons ("< 12.2", ">= 11.0 < 12.2") or an exact
 * version ("12.1"). Versions are dotted numbers, optionally with letters ("12.2b").
 */
export const FIRMWARE_RANGE =
  /^\s*(?:(?:<=|>=|<|>|=)\s*[0-9A-Za-z][0-9A-Za-z.\-_]{0,30}\s*){1,2}$|^\s*[0-9A-Za-z][0-9A-Za-z.\-_]{0,30}\s*$/;

export const affectedProductSchema = z.strictObject({
  model: text(120).meta({ description: 'A device model as recorded on customers\' devices, e.g. "Play:5"' }),
  firmware: z
    .string()
    .trim()
    .max(80)
    .regex(FIRMWARE_RANGE, 'must be a version ("12.1") or a range ("< 12.2", ">= 11 < 12.2")')
    .optional()
    .meta({ description: "Optional firmware or version range; absent means every version" }),
});
export type AffectedProduct = z.infer<typeof affectedProductSchema>;

export const createProblemSchema = z.strictObject({
  title: text(200),
  description: z.string().trim().max(20000).optional(),
  affectedProducts: z.array(affectedProductSchema).max(50).default([]),
  ownerId: z.uuid().optional().meta({ description: "A staff membership id; defaults to the creator" }),
  teamId: z.uuid().optional(),
  caseIds: z.array(z.uuid()).max(500).optional().meta({ description: "Cases to link at once" }),
});
export type CreateProblem = z.infer<typeof createProblemSchema>;

export const problemPatchSchema = z
  .strictObject({
    title: text(200),
    description: z.string().trim().max(20000),
    status: problemStatusSchema,
    publicTitle: z.string().trim().max(200).nullable(),
    publicWorkaround: z
      .string()
      .trim()
      .max(20000)
      .nullable()
      .meta({ description: "Markdown; sanitised when shown" }),
    affectedProducts: z.array(affectedProductSchema).max(50),
    ownerId: z.uuid().nullable(),
    teamId: z.uuid().nullable(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: "nothing to change", path: ["title"] });
export type ProblemPatch = z.infer<typeof problemPatchSchema>;

const person = z.object({ id: z.uuid(), name: z.string() });

export const problemSchema = z
  .object({
    id: z.uuid(),
    number: z.number().meta({ description: "Shown as P-<number>" }),
    title: z.string(),
    description: z.string(),
    status: problemStatusSchema,
    publicTitle: z.string().nullable(),
    publicWorkaround: z.string().nullable(),
    publicWorkaroundHtml: z
      .string()
      .nullable()
      .meta({ description: "The workaround rendered and sanitised" }),
    affectedProducts: z.array(affectedProductSchema),
    owner: person.nullable().meta({ description: "A membership" }),
    team: person.nullable(),
    caseCount: z.number(),
    openCaseCount: z.number(),
    customerCount: z.number(),
    firstSeenAt: z.iso.datetime().nullable().meta({ description: "The oldest linked case's creation" }),
    lastSeenAt: z.iso.datetime().nullable().meta({ description: "The newest linked case's creation" }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Problem" });
export type Problem = z.infer<typeof problemSchema>;

export const problemListQuerySchema = z.strictObject({
  status: z
    .enum(["active", "all", ...PROBLEM_STATUSES])
    .default("active")
    .meta({ description: "active = every status but closed (the default)" }),
  q: z.string().trim().max(200).optional().meta({ description: "P-12, a number, or words of the title" }),
});
export const problemListSchema = z.object({ items: z.array(problemSchema) });

export const problemDetailSchema = problemSchema
  .extend({
    perDay: z
      .array(z.object({ day: z.iso.date(), count: z.number() }))
      .meta({ description: "New linked cases per day (by case creation), the last 30 days, oldest first" }),
    escalations: z.array(
      z.object({
        id: z.uuid(),
        caseId: z.uuid(),
        caseNumber: z.number(),
        summary: z.string(),
        status: z.string(),
      }),
    ),
  })
  .meta({ id: "ProblemDetail" });
export type ProblemDetail = z.infer<typeof problemDetailSchema>;

export const linkedCaseSchema = z
  .object({
    caseId: z.uuid(),
    number: z.number(),
    subject: z.string(),
    status: z.string(),
    channel: z.string(),
    customer: z.object({ id: z.uuid(), name: z.string() }),
    waiting: z.boolean().meta({ description: "Pending, waiting on this problem" }),
    reason: z.string().nullable(),
    linkedAt: z.iso.datetime(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "ProblemLinkedCase" });
export type LinkedCase = z.infer<typeof linkedCaseSchema>;
export const linkedCaseListSchema = z.object({ items: z.array(linkedCaseSchema) });

export const linkCasesSchema = z.strictObject({
  caseIds: z.array(z.uuid()).min(1).max(500),
  wait: z.boolean().optional().meta({ description: "Also set each case pending, waiting on the problem" }),
  reason: z.string().trim().max(300).optional(),
});
export const linkResultSchema = z.object({ linked: z.number(), alreadyLinked: z.number() });

export const linkEscalationSchema = z.strictObject({ escalationId: z.uuid() });

export const caseProblemParamsSchema = z.strictObject({ id: z.uuid(), caseId: z.uuid() });

/** A case's wait on a problem: set (problemId) or cleared (null). */
export const waitOnProblemSchema = z.strictObject({ problemId: z.uuid().nullable() });

/** What a case page shows of its problems; customers get only the public parts. */
export const caseProblemSchema = z
  .object({
    problemId: z.uuid(),
    number: z.number().nullable().meta({ description: "Staff only" }),
    title: z.string().meta({ description: "Staff: the title; customers: the public title" }),
    status: problemStatusSchema,
    workaroundHtml: z.string().nullable(),
    waiting: z.boolean(),
  })
  .meta({ id: "CaseProblem" });
export const caseProblemListSchema = z.object({ items: z.array(caseProblemSchema) });

export const problemEventSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    actorName: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    occurredAt: z.iso.datetime(),
  })
  .meta({ id: "ProblemEvent" });
export const problemEventListSchema = z.object({ items: z.array(problemEventSchema) });

// ---- Updates (broadcasts) ----

export const problemUpdateInputSchema = z.strictObject({
  body: text(20000).meta({ description: "Sent as a reply on every linked case, signed by the owner" }),
  solveWaiting: z
    .boolean()
    .optional()
    .meta({ description: "With a fixed problem: also solve every case still waiting on it" }),
});

export const EXCLUSION_REASONS = ["closed_long_ago", "bounced_address", "opted_out", "merged"] as const;
export const audienceSchema = z
  .object({
    caseCount: z.number(),
    customerCount: z.number(),
    excluded: z.array(
      z.object({
        caseId: z.uuid(),
        number: z.number(),
        customerName: z.string(),
        reason: z.enum(EXCLUSION_REASONS),
      }),
    ),
    waitingCount: z.number().meta({ description: "Cases waiting on the problem (solved with solveWaiting)" }),
  })
  .meta({ id: "ProblemAudience" });
export type Audience = z.infer<typeof audienceSchema>;

export const problemUpdateSchema = z
  .object({
    id: z.uuid().meta({ description: "The broadcast (job) id" }),
    body: z.string(),
    senderName: z.string(),
    solveWaiting: z.boolean(),
    audienceCount: z.number(),
    excludedCount: z.number(),
    sent: z.number(),
    skipped: z.number(),
    pending: z.number(),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "ProblemUpdate" });
export const problemUpdateListSchema = z.object({ items: z.array(problemUpdateSchema) });

// ---- Known issues (lookup, screen pop, customer panel) ----

export const knownIssueSchema = z
  .object({
    problemId: z.uuid(),
    number: z.number(),
    title: z.string(),
    status: problemStatusSchema,
    workaround: z.string().nullable().meta({ description: "The public workaround (markdown)" }),
    workaroundHtml: z.string().nullable(),
    device: z.object({
      id: z.uuid(),
      model: z.string(),
      serial: z.string(),
      firmware: z.string().nullable(),
    }),
  })
  .meta({ id: "KnownIssue" });
export type KnownIssue = z.infer<typeof knownIssueSchema>;

/** A problem found by the global search box ("P-12", "12" or words of its title). */
export const problemHitSchema = z
  .object({ id: z.uuid(), number: z.number(), title: z.string(), status: problemStatusSchema })
  .meta({ id: "ProblemHit" });
