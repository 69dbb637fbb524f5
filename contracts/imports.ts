import { z } from "zod";
import { emailSchema, page } from "./common.ts";

/**
 * Importing another helpdesk's history (issue #24, Zendesk first): start a run, watch it, read
 * its report, cancel or resume it. The API token goes in and never comes back out: runs carry
 * the account's base URL, never credentials.
 */

/**
 * The resources a run reads, in the order the pipeline reads them (each one's references are
 * imported before it; server/src/modules/imports/zendesk/resources.ts). The progress view
 * walks this list too.
 */
export const IMPORT_RESOURCES = [
  "ticket_fields",
  "user_fields",
  "organization_fields",
  "groups",
  "organizations",
  "users",
  "tickets",
  "ticket_events",
  "satisfaction_ratings",
  "macros",
  "hc_categories",
  "hc_sections",
  "hc_articles",
] as const;

/** Zendesk API tokens are 40 characters; the bound is generous, the minimum rules out blanks. */
const tokenSchema = z
  .string()
  .min(1, "enter the API token")
  .max(500, "must be at most 500 characters")
  .meta({ description: "A Zendesk API token (Admin Center → Apps and integrations → Zendesk API)" });

export const startZendeskImportSchema = z.strictObject({
  subdomain: z
    .string()
    .trim()
    .max(63, "must be at most 63 characters")
    .optional()
    .meta({ description: "acme for acme.zendesk.com; give this or url" }),
  url: z
    .string()
    .trim()
    .max(500, "must be at most 500 characters")
    .optional()
    .meta({ description: "Any Zendesk-compatible base URL; give this or subdomain" }),
  email: emailSchema.meta({ description: "The Zendesk admin the token belongs to" }),
  token: tokenSchema,
  since: z.iso
    .date("must be a date, YYYY-MM-DD")
    .optional()
    .meta({ description: "Only records changed since this day (first run of an account)" }),
  dryRun: z.boolean().default(false).meta({ description: "Count and report, write nothing" }),
});
export type StartZendeskImport = z.input<typeof startZendeskImportSchema>;

/** Credentials are cleared when a run ends, so resuming asks for them again. */
export const resumeImportSchema = z.strictObject({ email: emailSchema, token: tokenSchema });
export type ResumeImport = z.input<typeof resumeImportSchema>;

export const importStatusSchema = z.enum(["queued", "running", "done", "failed", "cancelled"]);
export type ImportStatus = z.infer<typeof importStatusSchema>;

/**
 * Keep an account in sync for the cut-over: a delta run every N minutes until turned off.
 * The run's own credentials were dropped when it ended, so they are given again and kept sealed
 * on the sync (never sent back).
 */
export const IMPORT_SYNC_MINUTES = { min: 5, max: 1440 } as const;
export const importSyncInputSchema = z.strictObject({
  everyMinutes: z
    .number()
    .int("must be a whole number of minutes")
    .min(IMPORT_SYNC_MINUTES.min, `must be at least ${IMPORT_SYNC_MINUTES.min} minutes`)
    .max(IMPORT_SYNC_MINUTES.max, "must be at most 1440 minutes (a day)")
    .meta({ description: "Minutes between two delta runs (5 to 1440)" }),
  email: emailSchema,
  token: tokenSchema,
});
export type ImportSyncInput = z.input<typeof importSyncInputSchema>;

export const importSyncSchema = z.object({
  everyMinutes: z.number(),
  lastSyncAt: z.iso.datetime().nullable().meta({ description: "When the sync last queued a run" }),
  lastRunId: z.uuid().nullable(),
  lastStatus: importStatusSchema.nullable().meta({ description: "That run's status" }),
  nextSyncAt: z.iso.datetime(),
});
// No schema id on purpose: as a named $ref, the run's `sync: …nullable()` is an anyOf the
// response serializer (fast-json-stringify) rejected; inline, it is a nullable object.
export type ImportSync = z.infer<typeof importSyncSchema>;

const countsSchema = z.object({
  created: z.number(),
  updated: z.number(),
  skipped: z.number(),
  failed: z.number(),
});
export type ImportCountRow = z.infer<typeof countsSchema>;

export const importRunSchema = z
  .object({
    id: z.uuid(),
    source: z.string().meta({ description: 'The account, "zendesk:acme.zendesk.com"' }),
    baseUrl: z.string(),
    dryRun: z.boolean(),
    since: z.string().nullable(),
    status: importStatusSchema,
    resource: z.string().nullable().meta({ description: "The resource being read now" }),
    counts: z.record(z.string(), countsSchema).meta({ description: "Per resource" }),
    totals: countsSchema,
    recordsPerSecond: z
      .number()
      .nullable()
      .meta({ description: "Records handled per second since the run started" }),
    report: z
      .record(z.string(), z.object({ count: z.number(), examples: z.array(z.string()) }))
      .meta({ description: "Dry run: what would not map, grouped by reason" }),
    error: z.string().nullable(),
    createdAt: z.iso.datetime(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
    /** The account's scheduled delta sync, when one is on. */
    sync: importSyncSchema.nullable(),
  })
  .meta({ id: "ImportRun" });
export type ImportRun = z.infer<typeof importRunSchema>;

export const importRunListSchema = z.object({ items: z.array(importRunSchema) });

export const importSkipSchema = z
  .object({
    id: z.string(),
    resource: z.string(),
    externalId: z.string(),
    outcome: z.enum(["skipped", "failed"]),
    reason: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "ImportSkip" });
export type ImportSkip = z.infer<typeof importSkipSchema>;
export const importSkipPageSchema = page(importSkipSchema);

export const importSkipsQuerySchema = z.strictObject({
  cursor: z
    .string()
    .regex(/^[1-9][0-9]{0,17}$/, "must be the nextCursor of the previous page")
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
