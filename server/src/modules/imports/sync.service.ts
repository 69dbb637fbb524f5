import type { ImportRun, ImportSyncInput } from "../../../../contracts/imports.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { seal } from "../../platform/sealed.ts";
import { audit } from "../audit/audit.ts";
import { canKeepInSync } from "./imports.policy.ts";
import { findRun } from "./imports.repo.ts";
import { presentRun, presentSync, refuseInternal } from "./imports.service.ts";
import { deleteSync, syncsBySource, upsertSync } from "./sync.repo.ts";
import { IMPORT_CREDENTIALS_SEAL } from "./zendesk/run-import.ts";

type Ctx = Pick<AppContext, "db" | "secret" | "config" | "boss">;

/**
 * Keeps a finished import's account in sync: a delta run every `everyMinutes` (the import.sync
 * sweep queues them), with the email and token sealed on the sync until it is turned off.
 * Setting it again changes the interval and the credentials. Audited without the credentials.
 */
export async function enableSync(
  ctx: Ctx,
  actor: Actor,
  runId: string,
  input: ImportSyncInput,
): Promise<ImportRun> {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const run = await findRun(scope, runId);
    if (!run) throw new AppError("not_found", "Import was not found");
    if (!canKeepInSync(run))
      throw new AppError(
        "conflict",
        run.dry_run
          ? "A dry run imported nothing to keep in sync; run the import first"
          : `Only a finished import's account can be kept in sync (this one is ${run.status})`,
      );
    await refuseInternal(ctx, run.base_url, "url");
    await upsertSync(scope, {
      source: run.source,
      baseUrl: run.base_url,
      everyMinutes: input.everyMinutes,
      sealed: seal(
        ctx.secret,
        IMPORT_CREDENTIALS_SEAL,
        JSON.stringify({ email: input.email, token: input.token }),
      ),
      enabledBy: actor.membershipId,
    });
    await audit(scope, {
      actorUserId: actor.userId,
      action: "import.sync_enabled",
      subjectType: "import",
      subjectId: run.id,
      data: { baseUrl: run.base_url, everyMinutes: input.everyMinutes },
    });
    const syncs = await syncsBySource(scope, [run.source]);
    return presentRun(run, presentSync(syncs.get(run.source)));
  });
}

/** Turns an account's sync off: no more runs are queued and its sealed credentials are deleted. */
export async function disableSync(ctx: Ctx, actor: Actor, runId: string): Promise<ImportRun> {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const run = await findRun(scope, runId);
    if (!run) throw new AppError("not_found", "Import was not found");
    if (!(await deleteSync(scope, run.source)))
      throw new AppError("not_found", "This import's account is not being kept in sync");
    await audit(scope, {
      actorUserId: actor.userId,
      action: "import.sync_disabled",
      subjectType: "import",
      subjectId: run.id,
      data: { baseUrl: run.base_url },
    });
    return presentRun(run, null);
  });
}
