import type { FastifyInstance, FastifyRequest } from "fastify";
import type { CommunityViewer } from "../../../../../contracts/community-pages.ts";
import type { Actor } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { resolveActor } from "../../../platform/http/authenticate.ts";
import { urlForHost } from "../../workspaces/workspace-url.ts";
import { findWorkspaceForHost } from "../../workspaces/workspaces.repo.ts";
import type { CategoryVisibility } from "../schema-community.ts";
import { viewerMember } from "./pages.repo.ts";
import { topicMemoryOf } from "./topic-memory.ts";

/**
 * Who reads a public community page, and what they may read (docs/community-api.md): anonymous
 * visitors public categories only; a signed-in person of the host's workspace also `customers`;
 * MVPs and staff also `mvp`; staff also `staff`. A session from another workspace, or a bad
 * credential, reads as anonymous: these are public pages.
 */
export type CommunityVisitor = {
  workspace: { id: string; name: string; host: string | null; default_locale: string };
  scope: TenantScope;
  actor: Actor | null;
  viewer: CommunityViewer;
  visibilities: CategoryVisibility[];
  base: string;
};

export function visibilitiesFor(
  viewer: Pick<CommunityViewer, "signedIn" | "isStaff" | "isMvp">,
): CategoryVisibility[] {
  if (viewer.isStaff) return ["public", "customers", "mvp", "staff"];
  if (viewer.isMvp) return ["public", "customers", "mvp"];
  return viewer.signedIn ? ["public", "customers"] : ["public"];
}

export async function communityVisitorOf(
  app: FastifyInstance,
  request: FastifyRequest,
): Promise<CommunityVisitor | null> {
  // The workspace a host names is remembered (topic-memory.ts; forgotten on any workspace change).
  const host = request.headers.host;
  const memory = topicMemoryOf(app);
  const [workspace, resolved] = await Promise.all([
    memory
      ? memory.read(`host\n${host ?? ""}`, () => findWorkspaceForHost(app.ctx.db, host))
      : findWorkspaceForHost(app.ctx.db, host),
    resolveActor(request).catch(() => undefined),
  ]);
  if (!workspace) return null;
  const scope = new TenantScope(app.ctx.db, workspace.id);
  const actor = resolved && resolved.workspaceId === workspace.id ? resolved : null;
  const member = actor ? await viewerMember(scope, actor.userId) : undefined;
  const isStaff = !!actor && actor.permissions.includes("app.use");
  const viewer: CommunityViewer = {
    signedIn: !!actor,
    memberId: member?.id ?? null,
    isStaff,
    isMvp: !!member?.isMvp,
  };
  return {
    workspace,
    scope,
    actor,
    viewer,
    visibilities: visibilitiesFor(viewer),
    base: urlForHost(app.ctx.config.publicUrl, workspace.host),
  };
}
