import { z } from "zod";

/**
 * Diagnostic snapshots: structured JSON from a device, an app, the customer's browser or an
 * agent, attached to a customer (and a device and a case), and the diffs between them.
 */
export const DIAGNOSTIC_SOURCES = ["device", "app", "browser", "agent"] as const;
export const diagnosticSourceSchema = z.enum(DIAGNOSTIC_SOURCES);
export type DiagnosticSource = z.infer<typeof diagnosticSourceSchema>;

const serialSchema = z.string().trim().min(1).max(120);
const runIdSchema = z
  .uuid()
  .meta({ description: "The playbook run this is for: the snapshot then belongs to the run and its case" });
const dataSchema = z
  .record(z.string(), z.unknown())
  .meta({ description: "The snapshot: any JSON object (network settings, signal levels, logs…)" });

export const snapshotInputSchema = z
  .strictObject({
    customerId: z.uuid().optional(),
    deviceSerial: serialSchema
      .optional()
      .meta({ description: "An unknown serial creates the device on the customer (customerId required)" }),
    caseId: z.uuid().optional().meta({
      description:
        "Default: the run's case when runId is given, else the customer's most recently active unsolved case",
    }),
    runId: runIdSchema.optional(),
    source: diagnosticSourceSchema,
    data: dataSchema,
  })
  .refine((v) => v.customerId !== undefined || v.deviceSerial !== undefined, {
    message: "give customerId or deviceSerial",
    path: ["customerId"],
  });
export type SnapshotInput = z.infer<typeof snapshotInputSchema>;

export const byCodeInputSchema = z.strictObject({
  source: diagnosticSourceSchema,
  data: dataSchema,
  deviceSerial: serialSchema.optional(),
});
export type ByCodeInput = z.infer<typeof byCodeInputSchema>;

export const codeParamSchema = z.strictObject({ code: z.string().min(1).max(40) });

export const codeInputSchema = z.strictObject({
  customerId: z.uuid(),
  caseId: z.uuid().optional(),
  deviceSerial: serialSchema.optional(),
  runId: runIdSchema.optional(),
});
export const portalCodeInputSchema = z.strictObject({
  caseId: z.uuid().optional(),
  deviceSerial: serialSchema.optional(),
  runId: runIdSchema.optional(),
});

export const diagnosticCodeSchema = z
  .object({
    code: z.string().meta({ description: "8 characters to read aloud; dashes, spaces and case are ignored" }),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: "DiagnosticCode" });

export const snapshotSchema = z
  .object({
    id: z.uuid(),
    customerId: z.uuid(),
    deviceId: z.uuid().nullable(),
    deviceSerial: z.string().nullable(),
    caseId: z.uuid().nullable(),
    runId: z.uuid().nullable().meta({ description: "The playbook run it was sent for, if any" }),
    source: diagnosticSourceSchema,
    summary: z.string(),
    sizeBytes: z.number().meta({ description: "Size of the data as received" }),
    maskedPaths: z.array(z.string()).meta({ description: 'Paths whose values were replaced by "[masked]"' }),
    submittedBy: z.object({ id: z.string().nullable(), name: z.string() }).nullable(),
    viaCode: z.boolean(),
    capturedAt: z.iso.datetime(),
  })
  .meta({ id: "DiagnosticSnapshot" });
export type Snapshot = z.infer<typeof snapshotSchema>;

export const snapshotDetailSchema = snapshotSchema
  .extend({ data: z.record(z.string(), z.unknown()) })
  .meta({ id: "DiagnosticSnapshotDetail" });

export const snapshotPageSchema = z.object({
  items: z.array(snapshotSchema),
  nextCursor: z.string().nullable(),
});

export const diffQuerySchema = z.strictObject({
  against: z
    .uuid()
    .optional()
    .meta({ description: "Compare with this snapshot instead of the device's previous one" }),
});

export const changeSchema = z.object({
  path: z.string().meta({ description: "e.g. wifi.signal_dbm or interfaces[2].mtu" }),
  kind: z.enum(["added", "removed", "changed"]),
  before: z.unknown().meta({ description: "null when added" }),
  after: z.unknown().meta({ description: "null when removed" }),
  delta: z.number().optional().meta({ description: "after − before, when both are numbers" }),
});
export type Change = z.infer<typeof changeSchema>;

const endSchema = z.object({ id: z.uuid(), capturedAt: z.iso.datetime() });
export const diffSchema = z
  .object({ from: endSchema, to: endSchema, changes: z.array(changeSchema) })
  .meta({ id: "DiagnosticDiff" });

export const seriesQuerySchema = z.strictObject({
  path: z.string().min(1).max(300),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export const seriesSchema = z.object({
  items: z.array(z.object({ snapshotId: z.uuid(), capturedAt: z.iso.datetime(), value: z.number() })),
});

export const deviceParamSchema = z.strictObject({ deviceId: z.uuid() });
