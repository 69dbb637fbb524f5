import type { SetupInput } from "../../../../contracts/accounts.ts";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { imageUrl } from "../../platform/images.ts";
import { hasRelay } from "../../platform/mail/relay.ts";
import { insertMembership } from "../accounts/memberships.repo.ts";
import { findUserByEmail, insertUser, setPassword } from "../accounts/users.repo.ts";
import { audit } from "../audit/audit.ts";
import { assertPasswordAllowed } from "../security/password-policy.ts";
import { countWorkspaces, findWorkspaceForHost, insertWorkspace, lockSetup } from "./workspaces.repo.ts";

type Ctx = Pick<AppContext, "db">;

export async function isSetupRequired(ctx: Ctx): Promise<boolean> {
  return (await countWorkspaces(ctx.db)) === 0;
}

/**
 * First-run setup: the workspace and its first admin, together or not at all. Open to anyone
 * only while no workspace exists; the advisory lock makes a race between two browsers safe.
 */
export async function setupWorkspace(ctx: Ctx, input: SetupInput, requestId?: string) {
  return inTransaction(ctx.db, async (tx) => {
    await lockSetup(tx);
    if ((await countWorkspaces(tx)) > 0) {
      throw new AppError("already_set_up", "Rapport is already set up; sign in instead");
    }
    const workspace = await insertWorkspace(tx, input.workspaceName);
    const scope = new TenantScope(tx, workspace.id);
    const user = (await findUserByEmail(tx, input.email)) ?? (await insertUser(tx, input));
    await assertPasswordAllowed(scope, input.password, { email: input.email, name: input.name });
    await setPassword(tx, user.id, input.password);
    const membership = await insertMembership(scope, user.id, "admin");
    await audit(scope, {
      actorUserId: user.id,
      action: "workspace.created",
      subjectType: "workspace",
      subjectId: workspace.id,
      data: { adminMembershipId: membership.id },
      ...(requestId ? { requestId } : {}),
    });
    return { workspace, user };
  });
}

export async function publicWorkspace(ctx: Pick<AppContext, "db" | "config">, host: string | undefined) {
  const workspace = await findWorkspaceForHost(ctx.db, host);
  if (!workspace) return null;
  // The portal's sign-in page says honestly when its link cannot be emailed.
  const emailReady = await hasRelay(ctx, workspace.id);
  return {
    name: workspace.name,
    locale: workspace.default_locale,
    emailReady,
    logoUrl: imageUrl("/api/v1/public/workspace/logo", workspace.logo_key),
    brandColor: workspace.brand_color,
  };
}
