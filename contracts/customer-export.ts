import { z } from "zod";

/**
 * GDPR export of one customer's data (issue #23): a zip of JSON plus their files, built by a
 * job and handed out through a download link that expires (7 days).
 */
export const customerExportStatusSchema = z.enum(["queued", "running", "ready", "failed", "expired"]);
export type CustomerExportStatus = z.infer<typeof customerExportStatusSchema>;

export const customerExportSchema = z
  .object({
    id: z.uuid(),
    customerId: z.uuid(),
    status: customerExportStatusSchema,
    requestedVia: z.enum(["staff", "portal"]),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    expiresAt: z.iso
      .datetime()
      .nullable()
      .meta({ description: "After this the link answers 410 and the file is deleted" }),
    sizeBytes: z.number().int().nullable(),
    downloadUrl: z
      .string()
      .nullable()
      .meta({ description: "For the signed-in caller (session or token); null until ready or once expired" }),
  })
  .meta({ id: "CustomerExport" });
export type CustomerExport = z.infer<typeof customerExportSchema>;

export const customerExportListSchema = z
  .object({ items: z.array(customerExportSchema) })
  .meta({ id: "CustomerExportList" });

export const exportDownloadParamsSchema = z.strictObject({ id: z.uuid(), exportId: z.uuid() });
export const portalExportParamsSchema = z.strictObject({ exportId: z.uuid() });
export const exportTokenParamsSchema = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "Not a download link"),
});
