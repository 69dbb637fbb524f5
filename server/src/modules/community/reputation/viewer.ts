import type { FastifyRequest } from "fastify";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { findWorkspaceForHost } from "../../workspaces/workspaces.repo.ts";
import { findMemberForUser } from "../members.ts";
import { isMvp } from "./mvp.repo.ts";
import type { Viewer } from "./visibility.ts";

/**
 * Who is looking at a public community read: signed in (their workspace; staff, or a
 * customer who may be an MVP), or anonymous on the workspace of the host they called.
 */
export async function viewerOf(request: FastifyRequest): Promise<{ scope: TenantScope; viewer: Viewer }> {
  const { db } = request.server.ctx;
  const actor = request.actor;
  if (actor) {
    const scope = new TenantScope(db, actor.workspaceId);
    if (actor.permissions.includes("app.use")) return { scope, viewer: { kind: "staff" } };
    const member = await findMemberForUser(scope, actor.userId);
    return { scope, viewer: { kind: "customer", isMvp: member ? await isMvp(scope, member.id) : false } };
  }
  const ws = await findWorkspaceForHost(db, request.headers.host);
  if (!ws) throw new AppError("not_found", "Community was not found");
  return { scope: new TenantScope(db, ws.id), viewer: { kind: "anonymous" } };
}
