import type { FastifyInstance } from "fastify";
import { z } from "zod";
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
} from "../../../../contracts/widget.ts";
import { router } from "../../platform/http/route-kit.ts";
import {
  conversationForVisitor,
  sendVisitorMessage,
  startChat,
  widgetAgentPhoto,
} from "./conversation.service.ts";
import { openSession } from "./sessions.service.ts";
import { requireVisitor } from "./visitor-auth.ts";
import { publicConfig, widgetForKey } from "./widget.service.ts";

const tags = ["Chat widget"];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const visitorAuth: Array<Record<string, string[]>> = [{ visitorToken: [] }];

/**
 * What the embedded widget calls. The public key only finds the workspace and opens a
 * visitor session; everything after that needs the visitor's own token.
 */
export function widgetPublicRoutes(app: FastifyInstance) {
  const r = router(app);
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
      const widget = await widgetForKey(app.ctx.db, request.query.key);
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
    async (request) => {
      const widget = await widgetForKey(app.ctx.db, request.body.key);
      return openSession(app.ctx, request, widget, request.body, request.headers["user-agent"] ?? null);
    },
  );
  r.post(
    "/api/v1/widget/conversations",
    {
      schema: {
        tags,
        summary: "Start a chat: a case of channel 'chat' with the visitor's first message",
        security: visitorAuth,
        body: widgetStartInputSchema,
        response: { 200: widgetConversationSchema, 201: widgetConversationSchema, ...errors },
      },
    },
    async (request, reply) => {
      const visitor = await requireVisitor(request);
      const started = await startChat(app.ctx, visitor, request.body);
      return reply.status(started.created ? 201 : 200).send(started.conversation);
    },
  );
  r.get(
    "/api/v1/widget/conversation",
    {
      schema: {
        tags,
        summary: "The visitor's open chat, or null",
        security: visitorAuth,
        response: { 200: z.object({ conversation: widgetConversationSchema.nullable() }), ...errors },
      },
    },
    async (request, reply) => {
      const visitor = await requireVisitor(request);
      reply.header("cache-control", "no-store");
      return { conversation: await conversationForVisitor(app.ctx, visitor) };
    },
  );
  r.post(
    "/api/v1/widget/conversation/messages",
    {
      schema: {
        tags,
        summary: "Send a message in the visitor's open chat",
        security: visitorAuth,
        body: widgetSendInputSchema,
        response: { 201: widgetMessageSchema, ...errors },
      },
    },
    async (request, reply) => {
      const visitor = await requireVisitor(request);
      return reply.status(201).send(await sendVisitorMessage(app.ctx, visitor, request.body.text));
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
