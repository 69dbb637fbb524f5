import type { RetentionSettings } from "../../../../contracts/repeats.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { audit } from "../audit/audit.ts";

/** No `retention_settings` row means the migration's defaults. */
export const DEFAULT_REPEAT_WINDOW_DAYS = 7;

export async function repeatWindowDays(scope: TenantScope): Promise<number> {
  const row = await scope.selectFrom("retention_settings").select("repeat_window_days").executeTakeFirst();
  return row?.repeat_window_days ?? DEFAULT_REPEAT_WINDOW_DAYS;
}

export async function getRetentionSettings(
  ctx: Pick<AppContext, "db">,
  actor: Actor,
): Promise<RetentionSettings> {
  return { repeatWindowDays: await repeatWindowDays(new TenantScope(ctx.db, actor.workspaceId)) };
}

/**
 * Changes the repeat window (the surveys part keeps the row's survey fields through its own
 * endpoint; an upsert here leaves them as they are). Audited.
 */
export async function patchRetentionSettings(
  ctx: Pick<AppContext, "db">,
  actor: Actor,
  patch: { repeatWindowDays: number },
): Promise<RetentionSettings> {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const before = await repeatWindowDays(scope);
    await tx
      .insertInto("retention_settings")
      .values({ workspace_id: actor.workspaceId, repeat_window_days: patch.repeatWindowDays })
      .onConflict((oc) =>
        oc
          .column("workspace_id")
          .doUpdateSet({ repeat_window_days: patch.repeatWindowDays, updated_at: new Date() }),
      )
      .execute();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "retention.settings_changed",
      data: { repeatWindowDays: { from: before, to: patch.repeatWindowDays } },
    });
    return { repeatWindowDays: patch.repeatWindowDays };
  });
}
