import type { FastifyInstance, FastifyRequest } from "fastify";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { assertOriginAllowed } from "../origins.ts";
import { requireVisitor } from "../visitor-auth.ts";
import type { VisitorRow } from "../visitors.repo.ts";
import { findWidget } from "../widget.repo.ts";

const visitors = new WeakMap<FastifyRequest, VisitorRow>();

/**
 * The widget routes of chat availability (offline, transcript, suggestions, deflections) check
 * the visitor as a `preValidation` hook, like `requireActor`, so a caller without a visitor
 * token learns nothing about the input rules (401 before 400); and hold the call to the
 * widget's allowed origins, as widget-server's own routes do (origins.ts).
 */
export function visitorGuard(app: FastifyInstance) {
  return async (request: FastifyRequest) => {
    const visitor = await requireVisitor(request);
    const widget = await findWidget(new TenantScope(app.ctx.db, visitor.workspace_id));
    if (widget) assertOriginAllowed(app, request, widget);
    visitors.set(request, visitor);
  };
}

/** The visitor `visitorGuard` found for this request. */
export function visitorOf(request: FastifyRequest): VisitorRow {
  const v = visitors.get(request);
  if (!v) throw new Error("visitorGuard must run before the handler");
  return v;
}
