import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { attachmentInputSchema } from "../../../../contracts/cases.ts";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import {
  widgetConfigQuerySchema,
  widgetConfigSchema,
  widgetConversationSchema,
  widgetMessageSchema,
  widgetSendInputSchema,
  widgetSessionInputSchema,
  widgetSessionSchema,
  widgetStartInputSchema,
  widgetTextSchema,
} from "../../../../contracts/widget.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { router } from "../../platform/http/route-kit.ts";
import { readVisitorAttachment, sendVisitorAttachment } from "./attachments.service.ts";
import {
  conversationForVisitor,
  sendVisitorMessage,
  startChat,
  widgetAgentPhoto,
} from "./conversation.service.ts";
import { assertOriginAllowed, widgetCors } from "./origins.ts";
import { limitMessage, limitSession, withRetryAfter } from "./rate-limits.ts";
import { openSession, shutdownVisitor } from "./sessions.service.ts";
import { requireVisitor } from "./visitor-auth.ts";
import type { VisitorRow } from "./visitors.repo.ts";
import { findWidget, type WidgetRow } from "./widget.repo.ts";
import { publicConfig, widgetForKey } from "./widget.service.ts";

const tags = ["Chat widget"];
const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  429: errorBodySchema,
};
const VISITOR_AUTH =
  "Authenticated by the visitor's own token: `Authorization: Visitor <token>` (docs/widget-protocol.md).";
const widgetAttachmentInputSchema = attachmentInputSchema.extend({ text: widgetTextSchema.optional() });

/**
 * What the embedded widget calls. The public key only finds the workspace and opens a visitor
 * session; everything after that needs the visitor's own token. Every call from a browser is
 * held to the widget's allowed origins (origins.ts).
 */
export function widgetPublicRoutes(app: FastifyInstance) {
  widgetCors(app);
  const r = router(app);

  /**
   * Before body validation (as requireActor), so a caller without a token learns nothing about
   * a route's input: the calling visitor, from a page their workspace allows.
   */
  const visitors = new WeakMap<FastifyRequest, VisitorRow>();
  const visitorOnly = async (request: FastifyRequest) => {
    const visitor = await requireVisitor(request);
    const widget = await findWidget(new TenantScope(app.ctx.db, visitor.workspace_id));
    if (widget) assertOriginAllowed(app, request, widget);
    visitors.set(request, visitor);
  };
  const visitorOf = (request: FastifyRequest) => visitors.get(request) as VisitorRow;
  const limitMessages = (request: FastifyRequest, reply: FastifyReply, visitorId: string) =>
    withRetryAfter(reply, () => limitMessage(visitorId, request.ip));

  r.get(
    "/api/v1/widget/config",
    {
      schema: {
        tags,
        summary: "The widget's look and greeting, by public key (404 for an unknown key)",
        querystring: widgetConfigQuerySchema,
        response: { 200: widgetConfigSchema, ...errors },
      },
    },
    async (request) => {
      const widget: WidgetRow = await widgetForKey(app.ctx.db, request.query.key);
      assertOriginAllowed(app, request, widget);
      return publicConfig(app.ctx.db, widget);
    },
  );
  r.post(
    "/api/v1/widget/sessions",
    {
      schema: {
        tags,
        summary: "Open or resume a visitor session (anonymous, or a host-signed identity)",
        body: widgetSessionInputSchema,
        response: { 200: widgetSessionSchema, ...errors },
      },
    },
    async (request, reply) => {
      withRetryAfter(reply, () => limitSession(request.ip));
      const widget = await widgetForKey(app.ctx.db, request.body.key);
      assertOriginAllowed(app, request, widget);
      reply.header("cache-control", "no-store");
      return openSession(app.ctx, request, widget, request.body, request.headers["user-agent"] ?? null);
    },
  );
  r.post(
    "/api/v1/widget/conversations",
    {
      preValidation: visitorOnly,
      schema: {
        tags,
        description: VISITOR_AUTH,
        summary: "Start a chat: a case of channel 'chat' with the visitor's first message",
        body: widgetStartInputSchema,
        response: { 200: widgetConversationSchema, 201: widgetConversationSchema, ...errors },
      },
    },
    async (request, reply) => {
      const visitor = visitorOf(request);
      limitMessages(request, reply, visitor.id);
      const started = await startChat(app.ctx, visitor, request.body);
      return reply.status(started.created ? 201 : 200).send(started.conversation);
    },
  );
  r.get(
    "/api/v1/widget/conversation",
    {
      preValidation: visitorOnly,
      schema: {
        tags,
        description: VISITOR_AUTH,
        summary: "The visitor's open chat, or null",
        response: { 200: z.object({ conversation: widgetConversationSchema.nullable() }), ...errors },
      },
    },
    async (request, reply) => {
      const visitor = visitorOf(request);
      reply.header("cache-control", "no-store");
      return { conversation: await conversationForVisitor(app.ctx, visitor) };
    },
  );
  r.post(
    "/api/v1/widget/conversation/messages",
    {
      preValidation: visitorOnly,
      schema: {
        tags,
        description: VISITOR_AUTH,
        summary: "Send a message in the visitor's open chat",
        body: widgetSendInputSchema,
        response: { 201: widgetMessageSchema, ...errors },
      },
    },
    async (request, reply) => {
      const visitor = visitorOf(request);
      limitMessages(request, reply, visitor.id);
      return reply.status(201).send(await sendVisitorMessage(app.ctx, visitor, request.body.text));
    },
  );
  r.post(
    "/api/v1/widget/conversation/attachments",
    {
      preValidation: visitorOnly,
      // One file of 5 MB, base64 (a third more) in JSON; the limit itself is checked on the bytes.
      bodyLimit: 7_500_000,
      schema: {
        tags,
        description: VISITOR_AUTH,
        summary: "Send a file (at most 5 MB, its type sniffed from the bytes) in the visitor's open chat",
        body: widgetAttachmentInputSchema,
        response: { 201: widgetMessageSchema, ...errors },
      },
    },
    async (request, reply) => {
      const visitor = visitorOf(request);
      limitMessages(request, reply, visitor.id);
      return reply.status(201).send(await sendVisitorAttachment(app.ctx, visitor, request.body));
    },
  );
  r.get(
    "/api/v1/widget/attachments/:id",
    {
      preValidation: visitorOnly,
      schema: {
        tags,
        description: VISITOR_AUTH,
        summary: "Download a file of the visitor's own chat",
        params: z.strictObject({ id: z.uuid() }),
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const visitor = visitorOf(request);
      const file = await readVisitorAttachment(app.ctx, visitor, request.params.id);
      const safeName = file.name.replace(/[^\w.() -]/g, "_");
      // Always a download, never rendered: a visitor's "image" may be a page with script.
      return reply
        .header("content-type", "application/octet-stream")
        .header("content-disposition", `attachment; filename="${safeName}"`)
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "no-store")
        .send(file.bytes);
    },
  );
  r.post(
    "/api/v1/widget/shutdown",
    {
      preValidation: visitorOnly,
      schema: {
        tags,
        description: VISITOR_AUTH,
        summary:
          "End this visitor session at logout: the token stops working and the chat is no longer shown here",
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const visitor = visitorOf(request);
      await shutdownVisitor(app.ctx, visitor);
      return reply.status(204).send(null);
    },
  );
  r.get(
    "/api/v1/widget/agents/:id/photo",
    {
      schema: {
        tags,
        summary: "The photo of an agent, as the widget shows it beside their messages",
        params: z.strictObject({ id: z.uuid() }),
        querystring: z.strictObject({ workspace: z.uuid() }),
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const photo = await widgetAgentPhoto(app.ctx.db, request.query.workspace, request.params.id);
      return reply
        .header("content-type", photo.type)
        .header("cache-control", "public, max-age=3600")
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "sandbox")
        .header("cross-origin-resource-policy", "cross-origin")
        .send(await app.ctx.files.read(photo.key));
    },
  );
}
