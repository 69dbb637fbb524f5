import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../platform/http/errors.ts";
import type { WidgetRow } from "./widget.repo.ts";

/**
 * Which host pages may use a workspace's widget. The widget's calls carry no cookie (the visitor
 * token is a header), so every widget route answers CORS for the calling origin: the loader on
 * a host page can then read even a refusal. The gate is `assertOriginAllowed`: once the widget is
 * known, a browser Origin outside `allowed_origins` (empty = any) gets 403 origin_not_allowed.
 * Rapport's own origin (the widget's iframe) is always allowed.
 */
export function widgetCors(app: FastifyInstance) {
  const allowHeaders = (request: FastifyRequest, reply: FastifyReply) => {
    const origin = request.headers.origin;
    if (origin) reply.header("access-control-allow-origin", origin).header("vary", "Origin");
  };
  app.addHook("onRequest", async (request, reply) => {
    if (request.url.startsWith("/api/v1/widget/")) allowHeaders(request, reply);
  });
  // The preflight of a cross-origin JSON POST or of a call with an Authorization header.
  app.options("/api/v1/widget/*", { schema: { hide: true } }, async (request, reply) => {
    allowHeaders(request, reply);
    return reply
      .header("access-control-allow-methods", "GET, POST")
      .header("access-control-allow-headers", "authorization, content-type")
      .header("access-control-max-age", "600")
      .status(204)
      .send();
  });
}

function ownOrigin(app: FastifyInstance, request: FastifyRequest, origin: string): boolean {
  if (origin === new URL(app.ctx.config.publicUrl).origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

export function originAllowed(
  app: FastifyInstance,
  request: FastifyRequest,
  widget: Pick<WidgetRow, "allowed_origins">,
): boolean {
  const origin = request.headers.origin;
  if (!origin || widget.allowed_origins.length === 0) return true;
  return widget.allowed_origins.includes(origin.toLowerCase()) || ownOrigin(app, request, origin);
}

export function assertOriginAllowed(
  app: FastifyInstance,
  request: FastifyRequest,
  widget: Pick<WidgetRow, "allowed_origins">,
): void {
  if (originAllowed(app, request, widget)) return;
  throw new AppError(
    "origin_not_allowed",
    `This chat widget may not be used on ${request.headers.origin}; add the origin to the widget's allowed origins`,
    "origin",
  );
}
