import type { FastifyInstance, FastifyRequest } from "fastify";
import type { FeedbackViewer } from "../../../../../contracts/feedback-pages.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { resolveActor } from "../../../platform/http/authenticate.ts";
import { findCustomerForUser } from "../../customers/customers.repo.ts";
import { visitorCookieOf, visitorSession } from "../../help/public-views.ts";
import { urlForHost } from "../../workspaces/workspace-url.ts";
import { findWorkspaceForHost } from "../../workspaces/workspaces.repo.ts";
import type { BoardVisibility, IdeaStatus } from "../schema-feedback.ts";

/**
 * Who reads a public feedback page, and which boards they may read (docs/feedback-api.md):
 * anonymous visitors `public` boards; a signed-in customer of the host's workspace also
 * `customers`; staff everything. A session of another workspace, or a bad credential, reads as
 * anonymous: these are public pages. When the workspace takes anonymous votes, a visitor is also
 * the hash of their first-party cookie (votes-anonymous.ts), so a page can show their own vote.
 */
export type FeedbackVisitor = {
  workspace: { id: string; name: string; host: string | null; default_locale: string };
  scope: TenantScope;
  viewer: FeedbackViewer;
  /** The signed-in customer's record (their votes and subscriptions), if any. */
  customerId: string | null;
  visibilities: BoardVisibility[];
  base: string;
  /** The workspace's own names of the statuses (feedback_settings), unmerged with the defaults. */
  labelOverrides: Partial<Record<IdeaStatus, string>>;
  /** An anonymous voter's hashed cookie (feedback_votes.visitor_hash), when they have one. */
  visitorHash: string | null;
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
  const [customer, settings] = await Promise.all([
    actor && !isStaff ? findCustomerForUser(scope, actor.userId) : undefined,
    scope.selectFrom("feedback_settings").select(["status_labels", "anonymous_voting"]).executeTakeFirst(),
  ]);
  const anonymousVoting = !actor && !!settings?.anonymous_voting;
  const cookie = anonymousVoting ? visitorCookieOf(request) : null;
  const viewer: FeedbackViewer = { signedIn: !!actor, isCustomer: !!customer, isStaff, anonymousVoting };
  return {
    workspace,
    scope,
    viewer,
    customerId: customer?.id ?? null,
    visibilities: visibilitiesFor(viewer),
    base: urlForHost(app.ctx.config.publicUrl, workspace.host),
    labelOverrides: settings?.status_labels ?? {},
    visitorHash: cookie ? visitorSession(workspace.id, cookie) : null,
  };
}
