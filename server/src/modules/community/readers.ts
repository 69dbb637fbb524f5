import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { findWorkspaceForHost } from "../workspaces/workspaces.repo.ts";
import { isModerator, type Reader, readableVisibilities } from "./community.policy.ts";
import { isMvp } from "./hooks.ts";
import { findMemberForUser } from "./members.ts";

/**
 * The reader of a request: a signed-in person in their workspace (their member row if they
 * ever took part), or an anonymous visitor on the workspace of the host they called.
 */
export async function readerFor(
  ctx: Pick<AppContext, "db">,
  actor: Actor | undefined | null,
  host: string | undefined,
): Promise<Reader> {
  if (!actor) {
    const ws = await findWorkspaceForHost(ctx.db, host);
    if (!ws) throw new AppError("not_found", "The community was not found");
    return {
      workspaceId: ws.id,
      actor: null,
      member: null,
      isMvp: false,
      visibilities: readableVisibilities(null, null),
      moderator: false,
    };
  }
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const member = (await findMemberForUser(scope, actor.userId)) ?? null;
  const mvp = member ? await isMvp(scope, member.id) : false;
  return {
    workspaceId: actor.workspaceId,
    actor,
    member,
    isMvp: mvp,
    visibilities: readableVisibilities(actor, { isMvp: mvp }),
    moderator: isModerator(actor),
  };
}
