import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../../contracts/errors.ts";
import {
  proactiveInputSchema,
  proactiveListSchema,
  proactiveMessageSchema,
  proactivePatchSchema,
  widgetProactiveListSchema,
  widgetProactiveQuerySchema,
} from "../../../../../contracts/widget.ts";
import { actorOf, requireActor } from "../../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import { visitorGuard, visitorOf } from "../availability/widget-visitor.ts";
import {
  createProactiveMessage,
  listProactiveMessages,
  patchProactiveMessage,
  proactiveForVisitor,
  removeProactiveMessage,
} from "./proactive.service.ts";

const tags = ["Chat"];
const manage = requireActor("workspace.manage");
const refusals = { ...withNotFound, 422: errorBodySchema };

/** Admins' proactive messages (issue #22): shown by the widget on a page pattern or an event. */
export function proactiveRoutes(app: FastifyInstance) {
  const r = router(app);

  r.get(
    "/api/v1/chat/proactive",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "The workspace's proactive messages",
        security: bearer,
        response: { 200: proactiveListSchema, ...withNotFound },
      },
    },
    async (request) => listProactiveMessages(app.ctx, actorOf(request)),
  );

  r.post(
    "/api/v1/chat/proactive",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Create a proactive message (trigger 'page' needs urlPattern, 'event' needs eventName)",
        security: bearer,
        body: proactiveInputSchema,
        response: { 201: proactiveMessageSchema, ...refusals },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createProactiveMessage(app.ctx, actorOf(request), request.body)),
  );

  r.patch(
    "/api/v1/chat/proactive/:id",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Change a proactive message (enable or disable it with `enabled`)",
        security: bearer,
        params: idParamSchema,
        body: proactivePatchSchema,
        response: { 200: proactiveMessageSchema, ...refusals },
      },
    },
    async (request) => patchProactiveMessage(app.ctx, actorOf(request), request.params.id, request.body),
  );

  r.delete(
    "/api/v1/chat/proactive/:id",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Delete a proactive message",
        security: bearer,
        params: idParamSchema,
        response: { 204: z.null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      await removeProactiveMessage(app.ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    "/api/v1/widget/proactive",
    {
      // The visitor before the query (401 before 400), held to the widget's allowed origins.
      preValidation: visitorGuard(app),
      schema: {
        tags: ["Chat widget"],
        summary:
          "The proactive messages this visitor may be shown (with `url`: those for that page, and event ones)",
        description:
          "Authenticated by the visitor's own token: `Authorization: Visitor <token>` (docs/widget-protocol.md).",
        querystring: widgetProactiveQuerySchema,
        response: { 200: widgetProactiveListSchema, ...withNotFound },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return proactiveForVisitor(app.ctx, visitorOf(request), request.query.url);
    },
  );
}
