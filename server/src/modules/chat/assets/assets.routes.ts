import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { widgetKeySchema } from "../../../../../contracts/widget.ts";
import { requestNonce } from "../../../platform/http/csp-nonce.ts";
import { router } from "../../../platform/http/route-kit.ts";
import { findWidgetByKey } from "../widget.repo.ts";
import { ensureWidget } from "../widget.service.ts";
import { demoProductPage } from "./demo-page.ts";
import { demoWorkspace } from "./demo-workspace.repo.ts";
import { frameAncestors, frameCsp, originAllowed, refusedPage } from "./frame-policy.ts";
import { widgetFiles } from "./widget-files.ts";

/**
 * Serving the chat widget (issue #22): the loader host sites embed (`/widget.js`), the chat
 * frame (`/widget/frame?key=…`) with the embedding policy of that widget, and the frame's
 * hashed assets. None of these are API routes: they are files and one page, hidden from the
 * OpenAPI document.
 */
export function widgetAssetRoutes(app: FastifyInstance) {
  const files = () => widgetFiles({ production: app.ctx.config.nodeEnv === "production" });

  router(app).get("/widget.js", { schema: { hide: true } }, async (_request, reply) => {
    return (
      reply
        .header("content-type", "text/javascript; charset=utf-8")
        // Host sites load it from their own origin: the default same-origin policy would block it.
        .header("cross-origin-resource-policy", "cross-origin")
        // The address is fixed (it is in every host site's HTML), so it is cached briefly only:
        // a new release reaches visitors within five minutes.
        .header("cache-control", "public, max-age=300")
        .send(files().loader)
    );
  });

  router(app).get(
    "/widget/assets/:file",
    { schema: { hide: true, params: z.strictObject({ file: z.string().max(100) }) } },
    async (request, reply) => {
      const asset = files().assets.get(request.params.file);
      if (!asset) return reply.code(404).type("text/plain; charset=utf-8").send("Not found");
      return reply
        .header("content-type", asset.type)
        .header("cross-origin-resource-policy", "same-origin")
        .header("cache-control", "public, max-age=31536000, immutable")
        .send(asset.body);
    },
  );

  router(app).get(
    "/widget/frame",
    {
      schema: {
        hide: true,
        querystring: z.object({
          key: z.string().max(100).optional(),
          origin: z.string().max(300).optional(),
        }),
      },
    },
    async (request, reply) => {
      const { key, origin } = request.query;
      const widget = widgetKeySchema.safeParse(key).success
        ? await findWidgetByKey(app.ctx.db, key as string)
        : undefined;
      if (!widget?.enabled) return refuse(request, reply, 404, "This chat is not available.");
      if (!originAllowed(widget.allowed_origins, origin))
        return refuse(
          request,
          reply,
          403,
          "This site is not among the chat widget's allowed origins. An admin can add it in Rapport's chat widget settings.",
        );
      const { frameHtml } = files();
      // The app's X-Frame-Options (SAMEORIGIN) would forbid every host site; frame-ancestors
      // says who may embed instead. helmet wrote it to the raw response before this handler.
      reply.raw.removeHeader("x-frame-options");
      return reply
        .header("content-security-policy", frameCsp(frameAncestors(widget.allowed_origins)))
        .header("cache-control", "no-cache")
        .type("text/html; charset=utf-8")
        .send(frameHtml);
    },
  );

  // The sample shop page of `npm run demo` (under /widget/ so the dev server passes it here too); only while a demo workspace with a widget exists.
  router(app).get("/widget/demo", { schema: { hide: true } }, async (request, reply) => {
    const workspace = await demoWorkspace(app.ctx.db);
    if (!workspace) return reply.callNotFound();
    // The demo never opened the chat settings: the widget is made on first use, as there.
    const widget = await ensureWidget(app.ctx.db, app.ctx.secret, workspace.id);
    if (!widget.enabled) return reply.callNotFound();
    return reply
      .header("cache-control", "no-cache")
      .type("text/html; charset=utf-8")
      .send(demoProductPage(workspace.name, widget.public_key, requestNonce(request)));
  });
}

function refuse(request: FastifyRequest, reply: FastifyReply, status: number, message: string) {
  const page = refusedPage(message, requestNonce(request));
  reply.raw.removeHeader("x-frame-options");
  return reply
    .code(status)
    .header("content-security-policy", page.csp)
    .header("cache-control", "no-store")
    .type("text/html; charset=utf-8")
    .send(page.html);
}
