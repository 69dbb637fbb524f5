import { z } from "zod";
import { page } from "./common.ts";

/** The audit log (issue #23): search, export and chain verification. Admins only. */
const filters = {
  /** An exact action ("member.updated"), or a family ending in a dot ("conduct."). */
  action: z.string().trim().min(1).max(100).optional(),
  /** The acting staff member's user id. */
  actor: z.string().trim().min(1).max(100).optional(),
  /** The subject's id (a case, a member, a token…). */
  subject: z.string().trim().min(1).max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Free text, matched in the action, the subject and the recorded data. */
  q: z.string().trim().min(1).max(200).optional(),
};

export const auditQuerySchema = z.strictObject({
  ...filters,
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditExportQuerySchema = z.strictObject({
  ...filters,
  format: z.enum(["csv", "jsonl"]).default("csv"),
});
export type AuditExportQuery = z.infer<typeof auditExportQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  at: z.string(),
  actor: z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() }).nullable(),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = page(auditEntrySchema);

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  records: z.number().int(),
  broken: z
    .object({
      id: z.number().int().nullable(),
      seq: z.number().int(),
      reason: z.enum(["changed", "deleted", "reordered"]),
      detail: z.string(),
    })
    .nullable(),
});
