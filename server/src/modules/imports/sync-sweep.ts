import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { enqueueInTx } from "../../platform/jobs/enqueue.ts";
import { unseal } from "../../platform/sealed.ts";
import { dueSyncs, lockDueSync, markSynced } from "./sync.repo.ts";
import { createRun, IMPORT_CREDENTIALS_SEAL } from "./zendesk/run-import.ts";

/** At most this many syncs are started per sweep; the rest are due at the next minute. */
const PER_SWEEP = 50;

/**
 * The minute's sweep ("import.sync"): for every scheduled sync whose time has come, queue a
 * delta run of its account (a run row and its import.run job, in one transaction with the
 * sync's next time). The run carries on from the account's checkpoints, so it reads only what
 * changed. An account with a live run (the previous sync still going, or an admin's run) is
 * left due and tried again next minute: two runs would race on the same checkpoints.
 * Returns the runs queued.
 */
export async function sweepImportSyncs(
  ctx: Pick<AppContext, "db" | "boss" | "secret" | "log">,
  now = new Date(),
): Promise<string[]> {
  const queued: string[] = [];
  for (const due of await dueSyncs(ctx.db, now, PER_SWEEP)) {
    try {
      const runId = await inTransaction(ctx.db, async (tx) => {
        const scope = new TenantScope(tx, due.workspace_id);
        const sync = await lockDueSync(scope, due.source, now);
        if (!sync) return null; // turned off meanwhile, or another worker has it
        const { email, token } = JSON.parse(
          unseal(ctx.secret, IMPORT_CREDENTIALS_SEAL, sync.credentials_sealed),
        ) as { email: string; token: string };
        const { id } = await createRun(scope, ctx.secret, {
          baseUrl: sync.base_url,
          email,
          token,
          since: null,
          dryRun: false,
          startedBy: sync.enabled_by,
        });
        await enqueueInTx(ctx.boss, tx, "import.run", { workspaceId: due.workspace_id, runId: id });
        await markSynced(scope, due.source, id, now, sync.every_minutes);
        return id;
      });
      if (runId) queued.push(runId);
    } catch (err) {
      if (err instanceof AppError && err.code === "conflict") continue; // a live run: next minute
      // Logged without the credentials (never in the error: they only live in this closure).
      ctx.log.error({ err, workspaceId: due.workspace_id, source: due.source }, "import sync not started");
    }
  }
  return queued;
}
