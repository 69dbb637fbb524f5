import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../contracts/common.ts";
import {
  createdWebhookSchema,
  deliveryListSchema,
  webhookInputSchema,
  webhookListSchema,
} from "../../../../contracts/webhooks.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { authErrors, bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { createWebhook, listWebhooks, removeWebhook, webhookDeliveries } from "./webhooks.service.ts";

const tags = ["Webhooks"];
const admin = requireActor("workspace.manage");

export function webhookRoutes(app: FastifyInstance) {
  const r = router(app);

  r.get(
    "/api/v1/webhooks",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Outgoing webhook endpoints (admins)",
        security: bearer,
        response: { 200: webhookListSchema, ...authErrors },
      },
    },
    async (request) => listWebhooks(app.ctx, actorOf(request)),
  );

  r.post(
    "/api/v1/webhooks",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Register an endpoint; deliveries are signed with its secret (shown once)",
        description:
          "Each delivery is a POST with X-Rapport-Event, X-Rapport-Delivery, X-Rapport-Timestamp and " +
          "X-Rapport-Signature: sha256=HMAC-SHA256(secret, timestamp + '.' + body) in hex. Non-2xx answers are retried with backoff.",
        security: bearer,
        body: webhookInputSchema,
        response: { 201: createdWebhookSchema, ...authErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createWebhook(app.ctx, actorOf(request), request.body)),
  );

  r.delete(
    "/api/v1/webhooks/:id",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Remove an endpoint (pending deliveries to it are dropped)",
        security: bearer,
        params: idParamSchema,
        response: { 204: z.null().meta({ description: "Removed" }), ...withNotFound },
      },
    },
    async (request, reply) => {
      await removeWebhook(app.ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    "/api/v1/webhooks/:id/deliveries",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "The latest 100 deliveries to an endpoint: status, attempts, last status code and error",
        security: bearer,
        params: idParamSchema,
        response: { 200: deliveryListSchema, ...withNotFound },
      },
    },
    async (request) => webhookDeliveries(app.ctx, actorOf(request), request.params.id),
  );
}
