import { sql } from "kysely";
import type { Db } from "../../platform/db/pool.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";

/** SQL of scheduled delta syncs (import_syncs, migration 0086). Sealed credentials never leave here but to the sweep. */

export interface SyncRow {
  source: string;
  every_minutes: number;
  next_at: Date;
  last_run_id: string | null;
  last_run_at: Date | null;
  last_status: "queued" | "running" | "done" | "failed" | "cancelled" | null;
}

/** The workspace's syncs with their last run's status, by account (few: one per account). */
export async function syncsBySource(scope: TenantScope, sources: string[]): Promise<Map<string, SyncRow>> {
  if (sources.length === 0) return new Map();
  const ws = scope.workspaceId;
  const { rows } = await sql<SyncRow>`
    select s.source, s.every_minutes, s.next_at, s.last_run_id, s.last_run_at, r.status as last_status
      from import_syncs s
      left join import_runs r on r.workspace_id = ${ws} and r.id = s.last_run_id
     where s.workspace_id = ${ws} and s.source = any(${sources}::text[])`.execute(scope.db);
  return new Map(rows.map((r) => [r.source, r]));
}

/** Turns an account's sync on, or changes its interval and credentials; the first run is one interval away. */
export async function upsertSync(
  scope: TenantScope,
  input: { source: string; baseUrl: string; everyMinutes: number; sealed: string; enabledBy: string | null },
): Promise<void> {
  const next = new Date(Date.now() + input.everyMinutes * 60_000);
  await scope
    .insertInto("import_syncs", {
      source: input.source,
      base_url: input.baseUrl,
      every_minutes: input.everyMinutes,
      credentials_sealed: input.sealed,
      next_at: next,
      enabled_by: input.enabledBy,
    })
    .onConflict((oc) =>
      oc.columns(["workspace_id", "source"]).doUpdateSet({
        base_url: input.baseUrl,
        every_minutes: input.everyMinutes,
        credentials_sealed: input.sealed,
        next_at: next,
        enabled_by: input.enabledBy,
      }),
    )
    .execute();
}

/** Turns a sync off: the row goes, and its sealed credentials with it. False when none was on. */
export async function deleteSync(scope: TenantScope, source: string): Promise<boolean> {
  const row = await scope
    .deleteFrom("import_syncs")
    .where("source", "=", source)
    .returning("source")
    .executeTakeFirst();
  return row !== undefined;
}

/** Syncs due at `now`, every workspace (the sweep's system connection; each is then worked in its scope). */
export async function dueSyncs(db: Db, now: Date, limit: number) {
  return db
    .selectFrom("import_syncs")
    .select(["workspace_id", "source"])
    .where("next_at", "<=", now)
    .orderBy("next_at")
    .limit(limit)
    .execute();
}

/** One due sync, locked for this sweep (another worker's sweep skips it). */
export async function lockDueSync(scope: TenantScope, source: string, now: Date) {
  return scope
    .selectFrom("import_syncs")
    .select(["source", "base_url", "every_minutes", "credentials_sealed", "enabled_by"])
    .where("source", "=", source)
    .where("next_at", "<=", now)
    .forNoKeyUpdate()
    .skipLocked()
    .executeTakeFirst();
}

/** Records the run a sync queued and when the next one is due. */
export async function markSynced(
  scope: TenantScope,
  source: string,
  runId: string,
  now: Date,
  everyMinutes: number,
): Promise<void> {
  await scope
    .updateTable("import_syncs")
    .set({
      last_run_id: runId,
      last_run_at: now,
      next_at: new Date(now.getTime() + everyMinutes * 60_000),
    })
    .where("source", "=", source)
    .execute();
}
