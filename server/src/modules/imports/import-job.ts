import type PgBoss from "pg-boss";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { forWorkspace } from "../../platform/jobs/fenced-jobs.ts";
import { sweepImportSyncs } from "./sync-sweep.ts";
import { executeRun } from "./zendesk/run-import.ts";

export type ImportJob = { workspaceId: string; runId: string };

/**
 * Runs one queued import to its end. The pipeline records progress, outcome and errors on the
 * run itself; if it throws anyway (a bug, the database gone), the run must not stay "running"
 * for ever with its credentials sealed: it is marked failed here and can be resumed.
 * The error message is the pipeline's, which never contains the token (it is only in memory).
 */
export async function runImportJob(
  ctx: Pick<AppContext, "db" | "files" | "secret" | "log" | "config">,
  job: ImportJob,
  signal?: AbortSignal,
): Promise<void> {
  const log = ctx.log.child({ importRun: job.runId, workspaceId: job.workspaceId });
  try {
    await executeRun(
      { db: ctx.db, files: ctx.files, secret: ctx.secret, log, allowPrivate: ctx.config.webhookAllowPrivate },
      job.workspaceId,
      job.runId,
      signal ? { signal } : {},
    );
  } catch (err) {
    log.error({ err }, "import run stopped with an error");
    const message = err instanceof Error ? err.message : String(err);
    await new TenantScope(ctx.db, job.workspaceId)
      .updateTable("import_runs")
      .set({
        status: "failed",
        error: message.slice(0, 2000),
        credentials_sealed: null,
        finished_at: new Date(),
      })
      .where("id", "=", job.runId)
      .where("status", "in", ["queued", "running"])
      .execute();
  }
}

/**
 * Worker side: "import.run" and the minute's "import.sync" sweep (queue.ts: retryLimit 0 and a 6 h expiry, so a run is never
 * executed twice at once; a crashed run is resumed by an admin, from its checkpoints).
 * Returns the stop to run before the queue stops: it aborts the live runs, whose pipelines end
 * between pages, so a shutdown leaves them resumable instead of waiting hours for them.
 */
export async function workImports(ctx: AppContext): Promise<() => Promise<void>> {
  const live = new Set<AbortController>();
  await ctx.boss.work("import.run", async (jobs: PgBoss.Job<ImportJob>[]) => {
    for (const job of jobs) {
      const controller = new AbortController();
      live.add(controller);
      try {
        await forWorkspace(job.data.workspaceId, () => runImportJob(ctx, job.data, controller.signal));
      } finally {
        live.delete(controller);
      }
    }
  });
  // Scheduled delta syncs: every minute, queue the runs that are due (sync-sweep.ts).
  await ctx.boss.work("import.sync", async () => {
    await sweepImportSyncs(ctx);
  });
  await ctx.boss.schedule("import.sync", "* * * * *");
  return async () => {
    for (const controller of live) controller.abort(new Error("Rapport is stopping"));
  };
}
