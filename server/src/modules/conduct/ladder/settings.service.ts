import type { ConductSettingsView } from "../../../../../contracts/conduct.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { audit } from "../../audit/audit.ts";
import { readConductSettings } from "../settings.ts";
import { assertManager } from "./conduct.policy.ts";

export async function getConductSettings(
  ctx: Pick<AppContext, "db">,
  actor: Actor,
): Promise<ConductSettingsView> {
  await assertManager(ctx.db, actor);
  return readConductSettings(new TenantScope(ctx.db, actor.workspaceId));
}

/** Admins only (the route requires team.manage). Audited with the before and after. */
export async function putConductSettings(
  ctx: Pick<AppContext, "db">,
  actor: Actor,
  input: ConductSettingsView,
): Promise<ConductSettingsView> {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const before = await readConductSettings(scope);
    const values = {
      half_life_days: input.halfLifeDays,
      review_threshold: input.reviewThreshold,
      frustration_raises_priority: input.frustrationRaisesPriority,
      updated_at: new Date(),
      updated_by: actor.membershipId,
    };
    await tx
      .insertInto("conduct_settings")
      .values({ workspace_id: actor.workspaceId, ...values })
      .onConflict((oc) => oc.column("workspace_id").doUpdateSet(values))
      .execute();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "conduct.settings_changed",
      data: { from: before, to: input },
    });
    return { ...input };
  });
}
