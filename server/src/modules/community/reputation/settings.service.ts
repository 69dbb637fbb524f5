import type { CommunitySettings } from "../../../../../contracts/community-reputation.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { audit } from "../../audit/audit.ts";
import { loadSettings, saveSettings } from "./settings.ts";

/** Reading and changing the reputation settings (community managers); each change is audited. */
type Ctx = Pick<AppContext, "db">;

export function settingsOf(ctx: Ctx, workspaceId: string): Promise<CommunitySettings> {
  return loadSettings(new TenantScope(ctx.db, workspaceId));
}

export async function putSettings(ctx: Ctx, actor: Actor, settings: CommunitySettings) {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    await saveSettings(scope, settings);
    await audit(scope, {
      actorUserId: actor.userId,
      action: "community.settings_changed",
      subjectType: "workspace",
      subjectId: actor.workspaceId,
      data: settings,
    });
  });
  return settingsOf(ctx, actor.workspaceId);
}
