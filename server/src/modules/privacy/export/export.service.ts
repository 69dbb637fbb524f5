import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import type { CustomerExport } from "../../../../../contracts/customer-export.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { enqueueInTx } from "../../../platform/jobs/enqueue.ts";
import { forWorkspace } from "../../../platform/jobs/fenced-jobs.ts";
import { queueMail } from "../../../platform/mail/outbox.ts";
import { audit } from "../../audit/audit.ts";
import { findCustomer, findCustomerForUser } from "../../customers/customers.repo.ts";
import { workspaceUrl } from "../../workspaces/workspace-url.ts";
import {
  type ExportRecord,
  expiredExports,
  exportsOf,
  findExport,
  findExportByTokenHash,
  insertExport,
  markDownloaded,
  markExpired,
  markFailed,
  markReady,
  markRunning,
  portalEmailOf,
  recentExportCounts,
  workspacesWithExpiredExports,
} from "./export.repo.ts";
import { writeExportZip } from "./zip.ts";

type Ctx = Pick<AppContext, "db" | "boss" | "files" | "config" | "log">;
type Via = "staff" | "portal";

/** How long a download link works; the file is deleted by the sweep after that. */
export const EXPORT_LINK_DAYS = 7;
/** Exports a customer may ask for per day (failed ones do not count); one at a time. */
export const EXPORTS_PER_DAY = 3;

export const hashExportToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function presentExport(e: NonNullable<ExportRecord>, via: Via): CustomerExport {
  const live = e.status === "ready" && e.expiresAt !== null && e.expiresAt > new Date();
  return {
    id: e.id,
    customerId: e.customerId,
    status: e.status === "ready" && !live ? "expired" : e.status,
    requestedVia: e.requestedVia,
    createdAt: e.createdAt.toISOString(),
    finishedAt: e.finishedAt?.toISOString() ?? null,
    expiresAt: e.expiresAt?.toISOString() ?? null,
    sizeBytes: e.sizeBytes === null ? null : Number(e.sizeBytes),
    downloadUrl: !live
      ? null
      : via === "staff"
        ? `/api/v1/customers/${e.customerId}/exports/${e.id}/download`
        : `/api/v1/portal/exports/${e.id}/download`,
  };
}

/** The customer record a portal user acts as; 404 when the login has none yet. */
export async function ownCustomer(ctx: Ctx, actor: Actor): Promise<string> {
  const customer = await findCustomerForUser(new TenantScope(ctx.db, actor.workspaceId), actor.userId);
  if (!customer) throw new AppError("not_found", "Customer was not found");
  return customer.id;
}

/**
 * Starts an export: one row and its job in one transaction, audited. At most one export of a
 * customer is in flight, and a few a day, since each reads everything they ever sent.
 */
export async function requestExport(
  ctx: Ctx,
  actor: Actor,
  customerId: string,
  via: Via,
  requestId?: string,
): Promise<CustomerExport> {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    // The lock serialises two clicks, so the in-flight check below cannot be raced.
    if (!(await findCustomer(scope, customerId, { lock: true })))
      throw new AppError("not_found", "Customer was not found");
    const counts = await recentExportCounts(scope, customerId);
    if (counts.inFlight > 0)
      throw new AppError("rate_limited", "An export of this customer is already being prepared");
    if (counts.today >= EXPORTS_PER_DAY)
      throw new AppError(
        "rate_limited",
        `At most ${EXPORTS_PER_DAY} exports of a customer a day; try again tomorrow`,
      );
    const row = await insertExport(scope, { customerId, requestedByUserId: actor.userId, via });
    await enqueueInTx(ctx.boss, tx, "customer.export", { workspaceId: actor.workspaceId, exportId: row.id });
    await audit(scope, {
      actorUserId: actor.userId,
      action: "customer.export_requested",
      subjectType: "customer",
      subjectId: customerId,
      data: { exportId: row.id, via },
      requestId,
    });
    return presentExport(row, via);
  });
}

export async function listExports(ctx: Ctx, actor: Actor, customerId: string, via: Via) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  if (!(await findCustomer(scope, customerId))) throw new AppError("not_found", "Customer was not found");
  return { items: (await exportsOf(scope, customerId)).map((e) => presentExport(e, via)) };
}

/** A ready export's file key, or why not: 404 unknown (or another customer's), 410 expired, 409 not ready. */
function readyFile(e: ExportRecord | undefined, customerId?: string) {
  if (!e || (customerId !== undefined && e.customerId !== customerId))
    throw new AppError("not_found", "Export was not found");
  if (e.status === "expired" || (e.expiresAt !== null && e.expiresAt <= new Date()))
    throw new AppError("export_expired", "This download link has expired; ask for a new export");
  if (e.status !== "ready" || !e.fileKey) throw new AppError("conflict", "The export is not ready yet");
  return { e, fileKey: e.fileKey };
}

/** The zip to send: a stream from storage (never read into memory) and its size. */
export type ExportDownload = { stream: Readable; size: number; fileName: string };

/**
 * Opens the ready export's file, then records the download; the file is opened first so a
 * missing file is not audited as downloaded, and the stream is closed if the audit fails.
 */
async function openDownload(
  ctx: Ctx,
  workspaceId: string,
  e: NonNullable<ExportRecord>,
  fileKey: string,
  actorUserId: string | null,
  via: string,
): Promise<ExportDownload> {
  const file = await ctx.files.open(fileKey);
  try {
    await recordDownload(ctx, workspaceId, e, actorUserId, via);
  } catch (err) {
    file.stream.destroy();
    throw err;
  }
  return { ...file, fileName: `your-data-${e.createdAt.toISOString().slice(0, 10)}.zip` };
}

async function recordDownload(
  ctx: Ctx,
  workspaceId: string,
  e: NonNullable<ExportRecord>,
  actorUserId: string | null,
  via: string,
) {
  await inTransaction(ctx.db, async (tx) => {
    const s = new TenantScope(tx, workspaceId);
    await markDownloaded(s, e.id);
    await audit(s, {
      actorUserId,
      action: "customer.export_downloaded",
      subjectType: "customer",
      subjectId: e.customerId,
      data: { exportId: e.id, via },
    });
  });
}

/** A signed-in download: staff for any customer of the workspace, a customer for their own. */
export async function downloadExport(ctx: Ctx, actor: Actor, customerId: string, exportId: string, via: Via) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const ready = readyFile(await findExport(scope, exportId), customerId);
  return openDownload(ctx, actor.workspaceId, ready.e, ready.fileKey, actor.userId, via);
}

/** The emailed link: the token alone proves it, in the workspace the request's host names. */
export async function downloadByToken(ctx: Ctx, workspaceId: string, token: string) {
  const scope = new TenantScope(ctx.db, workspaceId);
  const ready = readyFile(await findExportByTokenHash(scope, hashExportToken(token)));
  return openDownload(ctx, workspaceId, ready.e, ready.fileKey, null, "link");
}

/**
 * The `customer.export` job: writes the zip to a scratch file (streamed, see zip.ts), saves it
 * to file storage, then marks the export ready with a fresh link token and, when the customer
 * asked from the portal, mails them the link through the outbox in the same transaction. A
 * failure marks the export failed (it can be asked for again); the saved file of a failed or
 * crashed run is collected by `files.collect`, since no row lists it.
 */
export async function buildExport(
  ctx: Ctx,
  job: { workspaceId: string; exportId: string },
  opts: { pageSize?: number } = {},
): Promise<void> {
  const scope = new TenantScope(ctx.db, job.workspaceId);
  const e = await markRunning(scope, job.exportId);
  if (!e) return; // already built, failed or gone: a retried job does nothing twice
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-export-"));
  try {
    const file = path.join(dir, "export.zip");
    await writeExportZip({ db: ctx.db, files: ctx.files }, job.workspaceId, e.customerId, file, opts);
    // Streamed from the scratch file into storage: the zip is never whole in memory.
    const { size } = await fs.promises.stat(file);
    const fileKey = await ctx.files.saveFile(job.workspaceId, file);
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(Date.now() + EXPORT_LINK_DAYS * 86_400_000);
    const link = `${await workspaceUrl(ctx, job.workspaceId)}/api/v1/customer-exports/${token}`;
    await inTransaction(ctx.db, async (tx) => {
      const s = scope.with(tx);
      await markReady(s, e.id, {
        fileKey,
        sizeBytes: size,
        tokenHash: hashExportToken(token),
        expiresAt,
      });
      const to = e.requestedVia === "portal" ? await portalEmailOf(s, e.customerId) : undefined;
      if (to)
        await queueMail(ctx, s, {
          kind: "notification",
          to,
          subject: "Your data export is ready",
          text: [
            "The copy of your data you asked for is ready to download:",
            "",
            link,
            "",
            `The link works until ${expiresAt.toUTCString()}; after that the file is deleted.`,
            "You can also download it from the portal while you are signed in.",
          ].join("\n"),
          expiresAt,
        });
    });
  } catch (err) {
    ctx.log.error({ err, exportId: e.id }, "customer export failed");
    await markFailed(scope, e.id, err instanceof Error ? err.message : String(err));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Deletes the files of exports past their link's expiry (hourly). */
export async function sweepExpiredExports(ctx: Ctx, now = new Date()): Promise<number> {
  let removed = 0;
  for (const workspaceId of await workspacesWithExpiredExports(ctx.db, now)) {
    const scope = new TenantScope(ctx.db, workspaceId);
    await forWorkspace(workspaceId, async () => {
      for (const e of await expiredExports(scope, now)) {
        if (e.fileKey) await ctx.files.delete(e.fileKey);
        await markExpired(scope, e.id);
        removed++;
      }
    });
  }
  if (removed > 0) ctx.log.info({ removed }, "deleted expired customer exports");
  return removed;
}
