import type { TenantScope } from "../../platform/db/tenant.ts";

/** SQL of the import screens: runs and their skip reports, always through the tenant scope. */

/** Every column the API presents; credentials_sealed is never among them. */
const RUN_COLUMNS = [
  "id",
  "source",
  "base_url",
  "dry_run",
  "since",
  "status",
  "resource",
  "counts",
  "report",
  "error",
  "created_at",
  "started_at",
  "heartbeat_at",
  "finished_at",
] as const;

export function findRun(scope: TenantScope, id: string) {
  return scope.selectFrom("import_runs").select(RUN_COLUMNS).where("id", "=", id).executeTakeFirst();
}
export type RunRow = NonNullable<Awaited<ReturnType<typeof findRun>>>;

/** The newest runs first (the history is short: one per import, resume or delta). */
export function listRuns(scope: TenantScope, limit: number) {
  return scope
    .selectFrom("import_runs")
    .select(RUN_COLUMNS)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/**
 * Ends a live run as cancelled and drops its credentials; the pipeline sees the status between
 * pages and stops. Returns false when the run was not live (already ended, or not ours).
 */
export async function cancelLiveRun(scope: TenantScope, id: string): Promise<boolean> {
  const row = await scope
    .updateTable("import_runs")
    .set({ status: "cancelled", credentials_sealed: null, finished_at: new Date() })
    .where("id", "=", id)
    .where("status", "in", ["queued", "running"])
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

/** One page of a run's skip report, in the order the records were met (keyset on the id). */
export function listSkips(scope: TenantScope, runId: string, after: string | null, limit: number) {
  let q = scope
    .selectFrom("import_skips")
    .select(["id", "resource", "external_id", "outcome", "reason", "created_at"])
    .where("run_id", "=", runId)
    .orderBy("id")
    .limit(limit + 1);
  if (after !== null) q = q.where("id", ">", after);
  return q.execute();
}
