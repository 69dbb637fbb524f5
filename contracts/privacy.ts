import { z } from "zod";

/** GDPR erasure, legal holds and retention policies (issue #23). */

export const eraseCustomerInputSchema = z.strictObject({
  confirm: z.literal(true, { error: "must be true: erasure cannot be undone" }),
});

export const erasureSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    status: z.enum(["pending", "completed"]),
    requestedAt: z.iso.datetime(),
    completedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Erasure" });
export type Erasure = z.infer<typeof erasureSchema>;

export const legalHoldSchema = z
  .object({
    id: z.string(),
    customerId: z.string().nullable(),
    caseId: z.string().nullable(),
    /** The customer's name or the case's number and subject, for the list. */
    subject: z.string(),
    reason: z.string(),
    placedByName: z.string(),
    placedAt: z.iso.datetime(),
    releasedAt: z.iso.datetime().nullable(),
    releasedByName: z.string().nullable(),
  })
  .meta({ id: "LegalHold" });
export type LegalHold = z.infer<typeof legalHoldSchema>;

/** The erasure state a customer page shows: done or pending, and the holds that block it. */
export const customerErasureStateSchema = z.object({
  erasedAt: z.iso.datetime().nullable(),
  erasure: erasureSchema.nullable(),
  holds: z.array(legalHoldSchema),
});
export type CustomerErasureState = z.infer<typeof customerErasureStateSchema>;

export const createLegalHoldInputSchema = z
  .strictObject({
    customerId: z.uuid().optional(),
    caseId: z.uuid().optional(),
    reason: z.string().trim().min(1).max(500),
  })
  .superRefine((v, ctx) => {
    if ((v.customerId === undefined) === (v.caseId === undefined))
      ctx.addIssue({ code: "custom", path: ["customerId"], message: "give either customerId or caseId" });
  });
export type CreateLegalHoldInput = z.infer<typeof createLegalHoldInputSchema>;

export const legalHoldListQuerySchema = z.strictObject({
  status: z.enum(["active", "released", "all"]).default("active"),
  /** Only the holds covering this case: placed on it, or on its customer (the case page's card). */
  caseId: z.uuid().optional(),
});

export type LegalHoldListQuery = z.infer<typeof legalHoldListQuerySchema>;

export const legalHoldListSchema = z.object({ items: z.array(legalHoldSchema) });

const days = z.int().min(1).max(36500).nullable();

export const retentionPolicySchema = z
  .object({
    /** Delete closed cases (messages, attachments and files) this many days after their last activity; null: keep. */
    closedCaseDays: days,
    /** Delete the raw stored copy of inbound email this many days after receipt; null: keep. */
    rawEmailDays: days,
    /** Delete diagnostic snapshots this many days after capture; null: keep. */
    snapshotDays: days,
  })
  .meta({ id: "RetentionPolicy" });
export type RetentionPolicy = z.infer<typeof retentionPolicySchema>;

export const retentionPolicyInputSchema = z.strictObject({
  closedCaseDays: days,
  rawEmailDays: days,
  snapshotDays: days,
});

export const retentionRunSchema = z
  .object({
    id: z.string(),
    trigger: z.enum(["schedule", "manual"]),
    startedByName: z.string().nullable(),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    casesDeleted: z.number(),
    filesDeleted: z.number(),
    rawEmailsDeleted: z.number(),
    snapshotsDeleted: z.number(),
    /** Old data kept because a legal hold covers it. */
    heldSkipped: z.number(),
  })
  .meta({ id: "RetentionRun" });
export type RetentionRun = z.infer<typeof retentionRunSchema>;

export const retentionRunListSchema = z.object({ items: z.array(retentionRunSchema) });
