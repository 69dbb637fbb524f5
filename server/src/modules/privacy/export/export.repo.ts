import { sql } from "kysely";
import type { Executor, TenantScope } from "../../../platform/db/tenant.ts";

const columns = [
  "id",
  "customer_id as customerId",
  "requested_by_user_id as requestedByUserId",
  "requested_via as requestedVia",
  "status",
  "file_key as fileKey",
  "size_bytes as sizeBytes",
  "error",
  "created_at as createdAt",
  "finished_at as finishedAt",
  "expires_at as expiresAt",
] as const;

export type ExportRecord = Awaited<ReturnType<typeof findExport>> & {};

export async function insertExport(
  scope: TenantScope,
  row: { customerId: string; requestedByUserId: string | null; via: "staff" | "portal" },
) {
  return scope
    .insertInto("customer_exports", {
      customer_id: row.customerId,
      requested_by_user_id: row.requestedByUserId,
      requested_via: row.via,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
}

export async function findExport(scope: TenantScope, id: string, opts: { lock?: boolean } = {}) {
  let q = scope.selectFrom("customer_exports").select(columns).where("id", "=", id);
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findExportByTokenHash(scope: TenantScope, tokenHash: string) {
  return scope
    .selectFrom("customer_exports")
    .select(columns)
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
}

export async function exportsOf(scope: TenantScope, customerId: string, limit = 20) {
  return scope
    .selectFrom("customer_exports")
    .select(columns)
    .where("customer_id", "=", customerId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/** The rate limit's inputs: exports in flight, and exports asked for in the last day. */
export async function recentExportCounts(scope: TenantScope, customerId: string) {
  const row = await scope
    .selectFrom("customer_exports")
    .select([
      sql<number>`count(*) filter (where status in ('queued', 'running'))::int`.as("inFlight"),
      sql<number>`count(*) filter (where created_at > now() - interval '1 day' and status <> 'failed')::int`.as(
        "today",
      ),
    ])
    .where("customer_id", "=", customerId)
    .executeTakeFirstOrThrow();
  return row;
}

export async function markRunning(scope: TenantScope, id: string) {
  return scope
    .updateTable("customer_exports")
    .set({ status: "running" })
    .where("id", "=", id)
    .where("status", "in", ["queued", "running"])
    .returning(columns)
    .executeTakeFirst();
}

export async function markReady(
  scope: TenantScope,
  id: string,
  v: { fileKey: string; sizeBytes: number; tokenHash: string; expiresAt: Date },
) {
  await scope
    .updateTable("customer_exports")
    .set({
      status: "ready",
      file_key: v.fileKey,
      size_bytes: v.sizeBytes,
      token_hash: v.tokenHash,
      expires_at: v.expiresAt,
      finished_at: new Date(),
    })
    .where("id", "=", id)
    .execute();
}

export async function markFailed(scope: TenantScope, id: string, error: string) {
  await scope
    .updateTable("customer_exports")
    .set({ status: "failed", error: error.slice(0, 500), finished_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function markDownloaded(scope: TenantScope, id: string) {
  await scope
    .updateTable("customer_exports")
    .set({ downloaded_at: new Date() })
    .where("id", "=", id)
    .execute();
}

/** Ready exports past their time, to delete (the sweep runs per workspace). */
export async function expiredExports(scope: TenantScope, now: Date) {
  return scope
    .selectFrom("customer_exports")
    .select(["id", "file_key as fileKey"])
    .where("status", "=", "ready")
    .where("expires_at", "<", now)
    .limit(500)
    .execute();
}

export async function markExpired(scope: TenantScope, id: string) {
  await scope
    .updateTable("customer_exports")
    .set({ status: "expired", file_key: null })
    .where("id", "=", id)
    .execute();
}

/** Workspaces with a ready export past its time: the sweep's only cross-workspace read. */
export async function workspacesWithExpiredExports(db: Executor, now: Date): Promise<string[]> {
  const { rows } = await sql<{ workspaceId: string }>`
    select distinct workspace_id as "workspaceId" from customer_exports
     where status = 'ready' and expires_at < ${now}`.execute(db);
  return rows.map((r) => r.workspaceId);
}

/** The sign-in email of the customer's portal login, to mail the link to. */
export async function portalEmailOf(scope: TenantScope, customerId: string): Promise<string | undefined> {
  const row = await scope
    .selectFrom("customers")
    .innerJoin("auth.user as u", "u.id", "customers.user_id")
    .select("u.email")
    .where("customers.id", "=", customerId)
    .executeTakeFirst();
  return row?.email;
}
