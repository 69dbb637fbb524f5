import { z } from "zod";

/**
 * Escalation to engineering: an agent asks engineering a question about a case. Engineers
 * claim it, add notes, ask for further diagnostics (tasks on the case) and hand back findings.
 */
export const ESCALATION_STATUSES = ["open", "answered", "closed"] as const;
export const escalationStatusSchema = z.enum(ESCALATION_STATUSES);
export type EscalationStatus = z.infer<typeof escalationStatusSchema>;

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max);

export const escalateInputSchema = z.strictObject({
  summary: text(2000).meta({ description: "What is going on, in a few sentences" }),
  question: text(2000).meta({ description: "What the agent needs engineering to answer" }),
  runId: z
    .uuid()
    .optional()
    .meta({ description: "The case's playbook run that ended in escalate; a run is escalated once (409)" }),
});
export type EscalateInput = z.infer<typeof escalateInputSchema>;

const person = z.object({ id: z.string().nullable(), name: z.string() });

export const escalationSchema = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    caseNumber: z.number(),
    caseSubject: z.string(),
    customer: z.object({ id: z.uuid(), name: z.string() }),
    summary: z.string(),
    question: z.string(),
    runId: z.uuid().nullable().meta({ description: "The playbook run escalated, if any" }),
    status: escalationStatusSchema,
    createdBy: person,
    assignee: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    findings: z.string().nullable(),
    findingsBy: z.string().nullable(),
    findingsAt: z.iso.datetime().nullable(),
    openTasks: z.number(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    closedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Escalation" });
export type Escalation = z.infer<typeof escalationSchema>;

export const escalationListSchema = z.object({ items: z.array(escalationSchema) });

export const escalationQuerySchema = z.strictObject({
  status: z
    .enum(["active", ...ESCALATION_STATUSES])
    .default("active")
    .meta({ description: "active = open or answered (the default)" }),
  mine: z.enum(["true", "false"]).optional().meta({ description: "true: only escalations assigned to me" }),
});

export const noteInputSchema = z.strictObject({ body: text(20000) });
export const noteSchema = z
  .object({ id: z.uuid(), caseId: z.uuid(), body: z.string(), author: person, createdAt: z.iso.datetime() })
  .meta({ id: "EscalationNote" });
export const findingsInputSchema = z.strictObject({ findings: text(20000) });

export const taskInputSchema = z.strictObject({
  title: text(300).meta({ description: 'The diagnostic to run, e.g. "Send a snapshot after rebooting"' }),
  detail: z.string().trim().max(4000).optional(),
});

export const taskSchema = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    escalationId: z.uuid().nullable(),
    title: z.string(),
    detail: z.string().nullable(),
    status: z.enum(["open", "done"]),
    createdBy: person,
    createdAt: z.iso.datetime(),
    doneBy: person.nullable(),
    doneAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "CaseTask" });
export type CaseTask = z.infer<typeof taskSchema>;
export const taskListSchema = z.object({ items: z.array(taskSchema) });

export const caseIdParamSchema = z.strictObject({ caseId: z.uuid() });
