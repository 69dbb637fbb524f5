import type { SecurityPolicy } from "../../../../contracts/security.ts";
import { forgetAllActors } from "../../platform/auth/actor-cache.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { audit } from "../audit/audit.ts";
import { readSecuritySettings, saveSecuritySettings } from "./security-settings.repo.ts";

/** The workspace's sign-in rules: which roles must use 2FA, how long passwords must be. */
type Ctx = Pick<AppContext, "db">;

export async function readSecurityPolicy(ctx: Ctx, actor: Actor): Promise<SecurityPolicy> {
  const s = await readSecuritySettings(new TenantScope(ctx.db, actor.workspaceId));
  return {
    requireTwoFactorRoles: s.requireTwoFactorRoles as SecurityPolicy["requireTwoFactorRoles"],
    passwordMinLength: s.passwordMinLength,
  };
}

export async function updateSecurityPolicy(
  ctx: Ctx,
  actor: Actor,
  requestId: string,
  patch: Partial<SecurityPolicy>,
): Promise<SecurityPolicy> {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const before = await readSecuritySettings(scope);
    const after = {
      requireTwoFactorRoles: [...new Set(patch.requireTwoFactorRoles ?? before.requireTwoFactorRoles)].sort(),
      passwordMinLength: patch.passwordMinLength ?? before.passwordMinLength,
    };
    await saveSecuritySettings(scope, after);
    await audit(scope, {
      actorUserId: actor.userId,
      action: "security.policy_changed",
      subjectType: "workspace",
      subjectId: actor.workspaceId,
      data: { before, after },
      requestId,
    });
  });
  forgetAllActors(); // the 2FA gate answers by the new rules at once in this process
  return readSecurityPolicy(ctx, actor);
}
