import { sql } from "kysely";
import type { AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { audit } from "../../audit/audit.ts";
import { eraseCustomerData } from "./erase-data.ts";

type Ctx = Pick<AppContext, "db" | "files" | "log">;

/**
 * The `privacy.erase` job. Three steps, each safe to repeat, so a crash or a failed file
 * deletion anywhere is finished by pg-boss's retry:
 * 1. one transaction erases the database rows and adds the files they listed to the request's
 *    `file_keys` (kept across attempts: the second pass finds the attachment lists empty);
 * 2. the files are deleted from storage (a key already gone is not an error);
 * 3. one transaction marks the request completed and writes the `customer.erased` audit entry.
 */
export async function runErasure(ctx: Ctx, job: { workspaceId: string; erasureId: string }): Promise<void> {
  const { workspaceId, erasureId } = job;
  const keys = await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, workspaceId);
    const request = await scope
      .selectFrom("erasure_requests")
      .select(["customer_id", "status", "file_keys"])
      .where("id", "=", erasureId)
      .forUpdate()
      .executeTakeFirst();
    if (!request || request.status === "completed") return null;
    const found = await eraseCustomerData(tx, workspaceId, request.customer_id);
    const all = [...new Set([...request.file_keys, ...found])];
    await scope
      .updateTable("erasure_requests")
      .set({ file_keys: all, attempts: sql`attempts + 1` })
      .where("id", "=", erasureId)
      .execute();
    return all;
  });
  if (keys === null) return;
  try {
    for (const key of keys) await ctx.files.delete(key);
  } catch (error) {
    await new TenantScope(ctx.db, workspaceId)
      .updateTable("erasure_requests")
      .set({ last_error: String((error as Error).message ?? error).slice(0, 500) })
      .where("id", "=", erasureId)
      .execute();
    throw error;
  }
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, workspaceId);
    const done = await scope
      .updateTable("erasure_requests")
      .set({ status: "completed", completed_at: new Date(), last_error: null })
      .where("id", "=", erasureId)
      .where("status", "=", "pending")
      .returning(["customer_id", "requested_by", "attempts"])
      .executeTakeFirst();
    if (!done) return;
    await audit(scope, {
      actorUserId: done.requested_by,
      action: "customer.erased",
      subjectType: "customer",
      subjectId: done.customer_id,
      data: { erasureId, filesDeleted: keys.length, attempts: done.attempts },
    });
  });
  ctx.log.info({ workspaceId, erasureId, files: keys.length }, "customer erased");
}
