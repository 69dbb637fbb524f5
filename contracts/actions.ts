import { z } from "zod";
import { webhookUrlSchema } from "./webhooks.ts";

/**
 * Actions (issue #18): what an admin lets agents do in the company's own systems from the case
 * page (ship a replacement, start a rental, issue a credit). An action is a named form whose
 * fields are validated here, a target URL, the roles that may run it and an optional amount
 * above which a manager approves. See docs/agents-api.md.
 */
export const ACTION_FIELD_TYPES = ["text", "textarea", "number", "boolean", "select", "date"] as const;
export const ACTION_ROLES = ["admin", "agent"] as const;

const fieldKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, "must be lower-case letters, digits and _ (starting with a letter)");

export const actionFieldSchema = z
  .strictObject({
    key: fieldKey,
    label: z.string().trim().min(1).max(120).optional(),
    type: z.enum(ACTION_FIELD_TYPES),
    options: z.array(z.string().trim().min(1).max(120)).min(1).max(50).optional(),
    // A default may be a placeholder filled from the case (`{{fact.address}}`).
    default: z.union([z.string().max(2000), z.number(), z.boolean()]).optional(),
    required: z.boolean().optional(),
  })
  .superRefine((f, ctx) => {
    if (f.type === "select" && !f.options)
      ctx.addIssue({ code: "custom", message: "a select field needs options", path: ["options"] });
    if (f.type !== "select" && f.options)
      ctx.addIssue({ code: "custom", message: "only select fields have options", path: ["options"] });
  });
export type ActionField = z.infer<typeof actionFieldSchema>;

const fieldsSchema = z
  .array(actionFieldSchema)
  .max(30)
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((f, i) => {
      if (seen.has(f.key))
        ctx.addIssue({ code: "custom", message: `key "${f.key}" is used twice`, path: [i, "key"] });
      seen.add(f.key);
    });
  });

/** `{field, amount}`, or a bare number meaning the action's first number field. */
export const approvalAboveSchema = z.union([
  z.number().nonnegative(),
  z.strictObject({ field: fieldKey, amount: z.number().nonnegative() }),
]);

export const actionInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  icon: z.string().trim().min(1).max(40).nullable().optional(),
  url: webhookUrlSchema,
  fields: fieldsSchema,
  roles: z.array(z.enum(ACTION_ROLES)).min(1).max(2).optional(),
  approvalAbove: approvalAboveSchema.nullable().optional(),
});
export type ActionInput = z.infer<typeof actionInputSchema>;

export const actionPatchSchema = actionInputSchema
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: "nothing to change", path: ["name"] });
export type ActionPatch = z.infer<typeof actionPatchSchema>;

export const actionSchema = z.object({
  id: z.string(),
  name: z.string(),
  icon: z.string().nullable(),
  url: z.string(),
  fields: z.array(z.record(z.string(), z.unknown())),
  roles: z.array(z.string()),
  approvalAbove: z.object({ field: z.string(), amount: z.number() }).nullable(),
  secretPreview: z.string(),
  canRun: z.boolean(),
  createdAt: z.string(),
  /** Only in the answer to POST: the signing secret, shown once. */
  secret: z.string().optional(),
});

export const RUN_STATUSES = ["pending_approval", "running", "succeeded", "failed", "refused"] as const;

export const runInputSchema = z.strictObject({
  input: z.record(z.string(), z.unknown()).default({}),
});

export const idempotencyKeySchema = z
  .string()
  .min(8, "Idempotency-Key must be 8 to 200 characters")
  .max(200, "Idempotency-Key must be 8 to 200 characters");

export const approvalSchema = z.object({
  id: z.string(),
  status: z.enum(["pending", "approved", "refused"]),
  amount: z.number(),
  limit: z.number(),
  decidedBy: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});

export const actionRunSchema = z.object({
  id: z.string(),
  actionId: z.string(),
  actionName: z.string(),
  caseId: z.string(),
  status: z.enum(RUN_STATUSES),
  input: z.record(z.string(), z.unknown()),
  result: z.unknown().optional(),
  error: z.string().nullable(),
  attempts: z.number(),
  requestedBy: z.object({ id: z.string(), name: z.string() }),
  approval: approvalSchema.nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ActionRun = z.infer<typeof actionRunSchema>;

export const approvalDecisionSchema = z
  .strictObject({
    decision: z.enum(["approve", "refuse"]),
    reason: z.string().trim().max(2000).optional(),
  })
  .refine((d) => d.decision === "approve" || (d.reason ?? "").length >= 3, {
    message: "a refusal needs a reason of at least 3 characters",
    path: ["reason"],
  });

export const approvalListQuerySchema = z.strictObject({
  status: z.enum(["pending", "decided"]).default("pending"),
});

/** One entry of the approvals queue: the approval with the run and case it is about. */
export const approvalQueueItemSchema = approvalSchema.extend({
  run: actionRunSchema,
  case: z.object({ id: z.string(), number: z.number(), subject: z.string() }),
});
