import type { FastifyInstance, FastifyRequest } from "fastify";
import type { FeedbackViewer } from "../../../../../contracts/feedback-pages.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { resolveActor } from "../../../platform/http/authenticate.ts";
import { findCustomerForUser } from "../../customers/customers.repo.ts";
import { urlForHost } from "../../workspaces/workspace-url.ts";
import { findWorkspaceForHost } from "../../workspaces/workspaces.repo.ts";
import type { BoardVisibility } from "../schema-feedback.ts";

/**
 * Who reads a public feedback page, and which boards they may read (docs/feedback-api.md):
 * anonymous visitors `public` boards; a signed-in customer of the host's workspace also
 * `customers`; staff everything. A session of another workspace, or a bad credential, reads as
 * anonymous: these are public pages.
 */
export type FeedbackVisitor = {
  workspace: { id: string; name: string; host: string | null; default_locale: string };
  scope: TenantScope;
  viewer: FeedbackViewer;
  /** The signed-in customer's record (their votes and subscriptions), if any. */
  customerId: string | null;
  visibilities: BoardVisibility[];
  base: string;
};

export function visibilitiesFor(viewer: FeedbackViewer): BoardVisibility[] {
  if (viewer.isStaff) return ["public", "customers", "staff"];
  return viewer.signedIn ? ["public", "customers"] : ["public"];
}

export async function feedbackVisitorOf(
  app: FastifyInstance,
  request: FastifyRequest,
): Promise<FeedbackVisitor | null> {
  const [workspace, resolved] = await Promise.all([
    findWorkspaceForHost(app.ctx.db, request.headers.host),
    resolveActor(request).catch(() => undefined),
  ]);
  if (!workspace) return null;
  const scope = new TenantScope(app.ctx.db, workspace.id);
  const actor = resolved && resolved.workspaceId === workspace.id ? resolved : null;
  const isStaff = !!actor && actor.permissions.includes("app.use");
  const customer = actor && !isStaff ? await findCustomerForUser(scope, actor.userId) : undefined;
  const viewer: FeedbackViewer = { signedIn: !!actor, isCustomer: !!customer, isStaff };
  return {
    workspace,
    scope,
    viewer,
    customerId: customer?.id ?? null,
    visibilities: visibilitiesFor(viewer),
    base: urlForHost(app.ctx.config.publicUrl, workspace.host),
  };
}
