import type { ImportCountRow, ImportRun, ImportSync, ResumeImport } from "../../../../contracts/imports.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { iso } from "../../platform/http/route-kit.ts";
import { enqueueInTx } from "../../platform/jobs/enqueue.ts";
import { audit } from "../audit/audit.ts";
import { internalDestination } from "../webhooks/destination.ts";
import { canCancel, canResume } from "./imports.policy.ts";
import { cancelLiveRun, findRun, listRuns, listSkips, type RunRow } from "./imports.repo.ts";
import { type SyncRow, syncsBySource } from "./sync.repo.ts";
import { createRun, zendeskBaseUrl } from "./zendesk/run-import.ts";

type Ctx = Pick<AppContext, "db" | "secret" | "config" | "boss">;

const ZERO: ImportCountRow = { created: 0, updated: 0, skipped: 0, failed: 0 };

/** An account's scheduled delta sync as the API shows it (never its credentials). */
export function presentSync(row: SyncRow | undefined): ImportSync | null {
  if (!row) return null;
  return {
    everyMinutes: row.every_minutes,
    lastSyncAt: iso(row.last_run_at),
    lastRunId: row.last_run_id,
    lastStatus: row.last_status,
    nextSyncAt: row.next_at.toISOString(),
  };
}

/**
 * A run as the API shows it: counts summed, a rate, the account's sync, and never its
 * credentials.
 */
export function presentRun(row: RunRow, sync: ImportSync | null, now = new Date()): ImportRun {
  const counts = row.counts ?? {};
  const totals = { ...ZERO };
  for (const c of Object.values(counts)) {
    totals.created += c.created ?? 0;
    totals.updated += c.updated ?? 0;
    totals.skipped += c.skipped ?? 0;
    totals.failed += c.failed ?? 0;
  }
  const handled = totals.created + totals.updated + totals.skipped + totals.failed;
  // The rate over the run's working time: until it ended, or until now while it runs.
  const until = row.finished_at ?? (row.status === "running" ? now : row.heartbeat_at);
  const seconds = row.started_at && until ? (until.getTime() - row.started_at.getTime()) / 1000 : 0;
  return {
    id: row.id,
    source: row.source,
    baseUrl: row.base_url,
    dryRun: row.dry_run,
    since: iso(row.since),
    status: row.status,
    resource: row.resource,
    counts,
    totals,
    recordsPerSecond: seconds > 0 ? Math.round(handled / seconds) : null,
    report: row.report ?? {},
    error: row.error,
    createdAt: iso(row.created_at),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    sync,
  };
}

/** Runs with their accounts' syncs (one query for any number of runs). */
async function presentRuns(scope: TenantScope, rows: RunRow[]): Promise<ImportRun[]> {
  const syncs = await syncsBySource(scope, [...new Set(rows.map((r) => r.source))]);
  const now = new Date();
  return rows.map((r) => presentRun(r, presentSync(syncs.get(r.source)), now));
}

/**
 * The server fetches the admin's URL, so it must not point into Rapport's own network (the
 * webhooks' rule; WEBHOOK_ALLOW_PRIVATE lifts it). A subdomain always means *.zendesk.com.
 * Checked here for a clear 400; the HTTP client checks every request again (pinned fetch),
 * since a name can resolve differently later.
 */
export async function refuseInternal(ctx: Ctx, baseUrl: string, field: "url" | "subdomain"): Promise<void> {
  if (ctx.config.webhookAllowPrivate) return;
  const reason = await internalDestination(baseUrl);
  if (reason)
    throw new AppError(
      "validation_failed",
      `Imports may not read from Rapport's own network (${reason}); set WEBHOOK_ALLOW_PRIVATE=true to allow it`,
      field,
    );
}

type Start = {
  subdomain?: string | undefined;
  url?: string | undefined;
  email: string;
  token: string;
  since?: string | undefined;
  dryRun: boolean;
};

/**
 * Queues a run: the run row and its "import.run" job land in one transaction, so a job never
 * names a run that does not exist and a run is never left without its job. A second live run
 * of the same account is a 409 (createRun). Audited without the credentials.
 */
export async function startZendeskImport(ctx: Ctx, actor: Actor, input: Start): Promise<ImportRun> {
  const baseUrl = zendeskBaseUrl({ subdomain: input.subdomain || null, url: input.url || null });
  await refuseInternal(ctx, baseUrl, input.url ? "url" : "subdomain");
  const since = input.since ? new Date(`${input.since}T00:00:00Z`) : null;
  return queueRun(ctx, actor, {
    baseUrl,
    email: input.email,
    token: input.token,
    since,
    dryRun: input.dryRun,
    resumedFrom: null,
  });
}

/**
 * Resumes a failed or cancelled run as a new run of the same account and options: the
 * checkpoints it left are where the new one starts, so nothing is read twice.
 */
export async function resumeImport(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: ResumeImport,
): Promise<ImportRun> {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const old = await findRun(scope, id);
  if (!old) throw new AppError("not_found", "Import was not found");
  if (!canResume(old.status))
    throw new AppError(
      "conflict",
      `A ${old.status} import cannot be resumed; only a failed or cancelled one`,
    );
  await refuseInternal(ctx, old.base_url, "url");
  return queueRun(ctx, actor, {
    baseUrl: old.base_url,
    email: input.email,
    token: input.token,
    since: old.since,
    dryRun: old.dry_run,
    resumedFrom: old.id,
  });
}

async function queueRun(
  ctx: Ctx,
  actor: Actor,
  run: {
    baseUrl: string;
    email: string;
    token: string;
    since: Date | null;
    dryRun: boolean;
    resumedFrom: string | null;
  },
): Promise<ImportRun> {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const { id } = await createRun(scope, ctx.secret, {
      baseUrl: run.baseUrl,
      email: run.email,
      token: run.token,
      since: run.since,
      dryRun: run.dryRun,
      startedBy: actor.membershipId,
    });
    await enqueueInTx(ctx.boss, tx, "import.run", { workspaceId: actor.workspaceId, runId: id });
    await audit(scope, {
      actorUserId: actor.userId,
      action: "import.started",
      subjectType: "import",
      subjectId: id,
      // What was started, never with what: the email and token stay out of the log.
      data: {
        baseUrl: run.baseUrl,
        dryRun: run.dryRun,
        since: run.since?.toISOString() ?? null,
        resumedFrom: run.resumedFrom,
      },
    });
    const row = await findRun(scope, id);
    if (!row) throw new Error("the run just created is missing");
    return (await presentRuns(scope, [row]))[0] as ImportRun;
  });
}

export async function listImports(ctx: Ctx, actor: Actor) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  return { items: await presentRuns(scope, await listRuns(scope, 100)) };
}

export async function getImport(ctx: Ctx, actor: Actor, id: string): Promise<ImportRun> {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const row = await findRun(scope, id);
  if (!row) throw new AppError("not_found", "Import was not found");
  return (await presentRuns(scope, [row]))[0] as ImportRun;
}

export async function importSkips(
  ctx: Ctx,
  actor: Actor,
  id: string,
  query: { cursor?: string | undefined; limit: number },
) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  if (!(await findRun(scope, id))) throw new AppError("not_found", "Import was not found");
  const rows = await listSkips(scope, id, query.cursor ?? null, query.limit);
  const items = rows.slice(0, query.limit).map((s) => ({
    id: String(s.id),
    resource: s.resource,
    externalId: s.external_id,
    outcome: s.outcome,
    reason: s.reason,
    createdAt: iso(s.created_at),
  }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? last.id : null };
}

/** Cancels a live run: it ends now, its credentials are dropped, the pipeline stops between pages. */
export async function cancelImport(ctx: Ctx, actor: Actor, id: string): Promise<ImportRun> {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const run = await findRun(scope, id);
    if (!run) throw new AppError("not_found", "Import was not found");
    if (!canCancel(run.status) || !(await cancelLiveRun(scope, id)))
      throw new AppError("conflict", `The import has already ended (${run.status})`);
    await audit(scope, {
      actorUserId: actor.userId,
      action: "import.cancelled",
      subjectType: "import",
      subjectId: id,
      data: { baseUrl: run.base_url },
    });
    const row = await findRun(scope, id);
    if (!row) throw new Error("the run just cancelled is missing");
    return (await presentRuns(scope, [row]))[0] as ImportRun;
  });
}
