import { z } from "zod";

/**
 * Guided troubleshooting: versioned playbooks (a graph of steps) and the runs that follow one
 * version step by step. The definition schema checks the whole graph (no dead ends, every step
 * reachable, well-formed conditions), so the server and the web editor report the same problems,
 * each naming the step and the field.
 */
export const STEP_KINDS = ["instruction", "question", "check", "outcome"] as const;
export type StepKind = (typeof STEP_KINDS)[number];
export const OUTCOMES = ["resolved", "escalate", "known_problem"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const RUN_STATUSES = ["open", "resolved", "escalate", "known_problem", "abandoned"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_MODES = ["agent", "self_service"] as const;

/** Hard limits so a playbook (or a YAML file) cannot grow without bound. */
export const LIMITS = { steps: 100, choices: 10, branches: 10, images: 5, topics: 20, text: 4000 } as const;

export const stepIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "use letters, digits, - and _ (at most 64)");
const titleSchema = z.string().trim().min(1).max(200);
const bodySchema = z.string().max(LIMITS.text).optional();

const instructionSchema = z.strictObject({
  id: stepIdSchema,
  kind: z.literal("instruction"),
  title: titleSchema,
  body: bodySchema,
  images: z.array(z.url().max(2000)).max(LIMITS.images).optional(),
  next: stepIdSchema,
});
const questionSchema = z.strictObject({
  id: stepIdSchema,
  kind: z.literal("question"),
  title: titleSchema,
  body: bodySchema,
  choices: z
    .array(z.strictObject({ label: z.string().trim().min(1).max(200), next: stepIdSchema }))
    .min(1)
    .max(LIMITS.choices),
});
const checkSchema = z.strictObject({
  id: stepIdSchema,
  kind: z.literal("check"),
  title: titleSchema,
  body: bodySchema,
  branches: z
    .array(
      z.strictObject({
        when: z.string().trim().min(1).max(300).meta({ description: "e.g. `wifi.signal_dbm < -70`" }),
        next: stepIdSchema,
      }),
    )
    .max(LIMITS.branches),
  otherwise: stepIdSchema.meta({ description: "Where to go when no condition matches" }),
});
const outcomeSchema = z.strictObject({
  id: stepIdSchema,
  kind: z.literal("outcome"),
  title: titleSchema,
  body: bodySchema,
  outcome: z.enum(OUTCOMES),
  knownProblem: z
    .string()
    .max(200)
    .optional()
    .meta({ description: "Reference to a known problem (linked once problems exist)" }),
});

export const stepSchema = z.discriminatedUnion("kind", [
  instructionSchema,
  questionSchema,
  checkSchema,
  outcomeSchema,
]);
export type Step = z.infer<typeof stepSchema>;

// Conditions: `path op value`; paths read like diagnostics paths (wifi.signal_dbm, radios[0].band).
export const CONDITION_OPS = ["<=", ">=", "!=", "=", "<", ">"] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];
export type Condition = { path: Array<string | number>; op: ConditionOp; value: unknown };
const PATH = /^[A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$-]*|\[\d{1,6}\])*$/;

export function parseCondition(text: string): Condition | undefined {
  const m = /^\s*(\S+?)\s*(<=|>=|!=|=|<|>)\s*(.+?)\s*$/.exec(text);
  if (!m) return undefined;
  const [, rawPath = "", op = "=", rawValue = ""] = m;
  if (!PATH.test(rawPath)) return undefined;
  const path: Array<string | number> = [];
  for (const part of rawPath.matchAll(/([A-Za-z_$][\w$-]*)|\[(\d+)\]/g)) {
    path.push(part[1] !== undefined ? part[1] : Number(part[2]));
  }
  let value: unknown;
  if (/^-?\d+(\.\d+)?$/.test(rawValue)) value = Number(rawValue);
  else if (rawValue === "true" || rawValue === "false") value = rawValue === "true";
  else if (rawValue === "null") value = null;
  else if (/^"(?:[^"\\]|\\.)*"$/.test(rawValue)) value = JSON.parse(rawValue);
  else if (/^[\w.:-]+$/.test(rawValue)) value = rawValue;
  else return undefined;
  const ordering = op === "<" || op === ">" || op === "<=" || op === ">=";
  if (ordering && typeof value !== "number") return undefined;
  return { path, op: op as ConditionOp, value };
}

function valueAt(data: unknown, path: Array<string | number>): unknown {
  let here: unknown = data;
  for (const segment of path) {
    if (here === null || typeof here !== "object") return undefined;
    here = (here as Record<string | number, unknown>)[segment];
  }
  return here;
}

/** True when the snapshot data meets the condition; a missing value never matches. */
export function conditionHolds(c: Condition, data: unknown): boolean {
  const actual = valueAt(data, c.path);
  if (actual === undefined) return false;
  // "1013" in a log and 1013 in a condition are the same code to a person.
  const asNumber = typeof actual === "string" && actual.trim() !== "" ? Number(actual) : actual;
  switch (c.op) {
    case "=":
      return actual === c.value || (typeof c.value === "number" && asNumber === c.value);
    case "!=":
      return !(actual === c.value || (typeof c.value === "number" && asNumber === c.value));
    default: {
      if (typeof asNumber !== "number" || Number.isNaN(asNumber)) return false;
      const v = c.value as number;
      if (c.op === "<") return asNumber < v;
      if (c.op === ">") return asNumber > v;
      if (c.op === "<=") return asNumber <= v;
      return asNumber >= v;
    }
  }
}

/** The branch a diagnostic check takes for this snapshot: the first condition that holds, else otherwise. */
export function pickBranch(
  step: Extract<Step, { kind: "check" }>,
  data: unknown,
): { next: string; matched: string | null } {
  for (const b of step.branches) {
    const c = parseCondition(b.when);
    if (c && conditionHolds(c, data)) return { next: b.next, matched: b.when };
  }
  return { next: step.otherwise, matched: null };
}

/** Where a step can lead: the ids its `next` fields name. */
export function nextIds(step: Step): Array<{ field: string; id: string }> {
  switch (step.kind) {
    case "instruction":
      return [{ field: "next", id: step.next }];
    case "question":
      return step.choices.map((c, i) => ({ field: `choices.${i}.next`, id: c.next }));
    case "check":
      return [
        ...step.branches.map((b, i) => ({ field: `branches.${i}.next`, id: b.next })),
        { field: "otherwise", id: step.otherwise },
      ];
    case "outcome":
      return [];
  }
}

export type Problem = { path: Array<string | number>; message: string };

/** Everything wrong with a playbook's graph; empty when it can be published. */
export function graphProblems(def: { start: string; steps: Step[] }): Problem[] {
  const problems: Problem[] = [];
  const index = new Map<string, number>();
  def.steps.forEach((s, i) => {
    if (index.has(s.id)) {
      problems.push({
        path: ["steps", i, "id"],
        message: `Step "${s.id}": another step already has this id`,
      });
    } else index.set(s.id, i);
  });
  if (!index.has(def.start)) {
    problems.push({ path: ["start"], message: `The start step "${def.start}" does not exist` });
  }
  def.steps.forEach((s, i) => {
    for (const n of nextIds(s)) {
      if (!index.has(n.id)) {
        problems.push({
          path: ["steps", i, ...n.field.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p))],
          message: `Step "${s.id}": next step "${n.id}" does not exist`,
        });
      }
      if (n.id === s.id) {
        problems.push({
          path: ["steps", i, ...n.field.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p))],
          message: `Step "${s.id}" leads to itself`,
        });
      }
    }
    if (s.kind === "check") {
      s.branches.forEach((b, j) => {
        if (!parseCondition(b.when)) {
          problems.push({
            path: ["steps", i, "branches", j, "when"],
            message: `Step "${s.id}": condition "${b.when}" is not like \`signal_dbm < -70\` or \`error_code = 1013\``,
          });
        }
      });
    }
  });
  if (problems.length > 0) return problems;

  // Reachable from the start…
  const byId = new Map(def.steps.map((s) => [s.id, s]));
  const seen = new Set<string>([def.start]);
  const queue = [def.start];
  while (queue.length > 0) {
    const s = byId.get(queue.shift() as string);
    for (const n of s ? nextIds(s) : []) {
      if (!seen.has(n.id)) {
        seen.add(n.id);
        queue.push(n.id);
      }
    }
  }
  // …and every step can still reach an outcome (no dead ends, no loops without a way out).
  const ends = new Set(def.steps.filter((s) => s.kind === "outcome").map((s) => s.id));
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of def.steps) {
      if (!ends.has(s.id) && nextIds(s).some((n) => ends.has(n.id))) {
        ends.add(s.id);
        grew = true;
      }
    }
  }
  def.steps.forEach((s, i) => {
    if (!seen.has(s.id)) {
      problems.push({ path: ["steps", i, "id"], message: `Step "${s.id}" cannot be reached from the start` });
    } else if (!ends.has(s.id)) {
      problems.push({
        path: ["steps", i, "id"],
        message: `Step "${s.id}" is a dead end: no path from it reaches an outcome`,
      });
    }
  });
  return problems;
}

const definitionShape = z.strictObject({
  name: z.string().trim().min(1).max(120),
  summary: z.string().max(1000).optional(),
  topics: z
    .array(z.string().trim().min(1).max(60))
    .max(LIMITS.topics)
    .meta({ description: "Keywords that suggest this playbook on the portal's new-request form" }),
  start: stepIdSchema,
  steps: z.array(stepSchema).min(1).max(LIMITS.steps),
});

export const definitionSchema = definitionShape
  .superRefine((def, ctx) => {
    for (const p of graphProblems(def)) ctx.addIssue({ code: "custom", path: p.path, message: p.message });
  })
  .meta({ id: "PlaybookDefinition" });
export type Definition = z.infer<typeof definitionShape>;

export const slugSchema = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/, "use lower-case letters, digits and dashes");

export const VERSION_STATUSES = ["draft", "published"] as const;
export const versionSchema = z
  .object({
    id: z.uuid(),
    version: z.number().int(),
    status: z.enum(VERSION_STATUSES),
    definition: definitionShape,
    createdAt: z.iso.datetime(),
    publishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "PlaybookVersion" });
export type PlaybookVersion = z.infer<typeof versionSchema>;

export const playbookSummarySchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    topics: z.array(z.string()),
    publishedVersion: z.number().int().nullable(),
    draftVersion: z.number().int().nullable(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "PlaybookSummary" });
export type PlaybookSummary = z.infer<typeof playbookSummarySchema>;
export const playbookListSchema = z.object({ items: z.array(playbookSummarySchema) });

export const playbookDetailSchema = playbookSummarySchema
  .extend({
    draft: versionSchema.nullable(),
    published: versionSchema.nullable(),
    versions: z.array(versionSchema.omit({ definition: true })),
  })
  .meta({ id: "Playbook" });
export type PlaybookDetail = z.infer<typeof playbookDetailSchema>;

export const createPlaybookSchema = z.strictObject({ slug: slugSchema, definition: definitionSchema });
export const saveDraftSchema = z.strictObject({ definition: definitionSchema });
export const playbookParamSchema = z.strictObject({ id: z.uuid() });
export const slugParamSchema = z.strictObject({ slug: z.string().min(1).max(80) });

/** YAML travels inside JSON so every route keeps the one error shape. */
export const YAML_MAX_BYTES = 200_000;
export const importSchema = z.strictObject({ yaml: z.string().min(1).max(YAML_MAX_BYTES) });
export const exportQuerySchema = z.strictObject({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .meta({ description: "Default: the draft, else the published version" }),
});
export const exportSchema = z.object({ filename: z.string(), yaml: z.string() });

export const analyticsSchema = z
  .object({
    runs: z.number().int(),
    open: z.number().int(),
    resolved: z.number().int(),
    escalated: z.number().int(),
    knownProblem: z.number().int(),
    abandoned: z.number().int().meta({ description: "Abandoned explicitly or idle for over a day" }),
    shares: z.object({ resolved: z.number(), escalated: z.number(), abandoned: z.number() }),
    mostAbandonedStep: z
      .object({ stepId: z.string(), title: z.string(), count: z.number().int() })
      .nullable(),
  })
  .meta({ id: "PlaybookAnalytics" });
export type Analytics = z.infer<typeof analyticsSchema>;

// Runs.

export const runStepSchema = z
  .object({
    seq: z.number().int(),
    stepId: z.string(),
    kind: z.enum(STEP_KINDS),
    title: z.string(),
    shownAt: z.iso.datetime(),
    answeredAt: z.iso.datetime().nullable(),
    answer: z.string().nullable().meta({ description: "The choice taken, or the branch a check took" }),
    snapshotId: z.uuid().nullable(),
    outcome: z.enum(OUTCOMES).nullable(),
    by: z.string().nullable().meta({ description: "Who answered" }),
  })
  .meta({ id: "PlaybookRunStep" });
export type RunStep = z.infer<typeof runStepSchema>;

export const runSchema = z
  .object({
    id: z.uuid(),
    playbookId: z.uuid(),
    playbookSlug: z.string(),
    playbookName: z.string(),
    version: z.number().int(),
    mode: z.enum(RUN_MODES),
    status: z.enum(RUN_STATUSES),
    customerId: z.uuid(),
    caseId: z.uuid().nullable(),
    startedBy: z.string().nullable(),
    startedAt: z.iso.datetime(),
    endedAt: z.iso.datetime().nullable(),
    lastActivityAt: z.iso.datetime(),
    steps: z.array(runStepSchema).meta({ description: "In the order they were shown" }),
    current: stepSchema.nullable().meta({ description: "The step waiting for an answer (open runs)" }),
  })
  .meta({ id: "PlaybookRun" });
export type Run = z.infer<typeof runSchema>;
export const runListSchema = z.object({ items: z.array(runSchema) });

export const startRunSchema = z.strictObject({ playbookId: z.uuid() });
export const portalStartRunSchema = z.strictObject({});
export const answerSchema = z.strictObject({
  stepId: stepIdSchema.meta({
    description: "The step being answered; a stale one (another agent moved on) is 409",
  }),
  choice: z
    .number()
    .int()
    .min(0)
    .max(LIMITS.choices)
    .optional()
    .meta({ description: "Questions: the choice index" }),
  snapshotId: z.uuid().optional().meta({ description: "Checks: the snapshot to branch on" }),
});
export const abandonSchema = z.strictObject({ reason: z.string().max(500).optional() });
export const runParamSchema = z.strictObject({ runId: z.uuid() });
export const caseParamSchema = z.strictObject({ caseId: z.uuid() });

export const portalPlaybookSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    summary: z.string().nullable(),
    topics: z.array(z.string()),
  })
  .meta({ id: "PortalPlaybook" });
export const portalPlaybookListSchema = z.object({ items: z.array(portalPlaybookSchema) });
export const portalPlaybookQuerySchema = z.strictObject({
  topic: z
    .string()
    .max(300)
    .optional()
    .meta({ description: "Text (a subject) to match against topic keywords" }),
});

export const runSnapshotListSchema = z.object({
  items: z.array(
    z.object({ id: z.uuid(), summary: z.string(), source: z.string(), capturedAt: z.iso.datetime() }),
  ),
});
