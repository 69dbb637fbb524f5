import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  channelCreatedSchema,
  channelDeliveryListSchema,
  channelDeliverySchema,
  channelInputSchema,
  channelListSchema,
  channelPatchSchema,
  channelSchema,
} from "../../../../contracts/channels.ts";
import { idParamSchema } from "../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { authErrors, bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import {
  changeChannel,
  createChannel,
  getChannel,
  listChannelsFor,
  removeChannel,
  rotateChannel,
} from "./channels.service.ts";
import { caseDeliveries, retryDelivery } from "./deliveries.service.ts";

const tags = ["Channels"];
const admin = requireActor("workspace.manage");
// Staff only, by permission (customers and strangers learn nothing: 403/401 before any lookup).
const readCases = requireActor("cases.read");
const workCases = requireActor("cases.work");
const messageParam = z.strictObject({ messageId: z.uuid() });

export function channelRoutes(app: FastifyInstance) {
  const r = router(app);

  r.get(
    "/api/v1/channels",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Messaging channels (admins)",
        security: bearer,
        response: { 200: channelListSchema, ...authErrors },
      },
    },
    async (request) => listChannelsFor(app.ctx, actorOf(request)),
  );

  r.post(
    "/api/v1/channels",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Add a channel; its inbound token and signing secret are shown once",
        description:
          "Replies on its threads are POSTed to outboundUrl, signed as webhooks are (X-Rapport-Timestamp, " +
          "X-Rapport-Signature: sha256=HMAC-SHA256(signingSecret, timestamp + '.' + body)), with the reply's " +
          "message id as Idempotency-Key. See docs/channels.md.",
        security: bearer,
        body: channelInputSchema,
        response: { 201: channelCreatedSchema, ...authErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createChannel(app.ctx, actorOf(request), request.body)),
  );

  r.get(
    "/api/v1/channels/:id",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "One channel",
        security: bearer,
        params: idParamSchema,
        response: { 200: channelSchema, ...withNotFound },
      },
    },
    async (request) => getChannel(app.ctx, actorOf(request), request.params.id),
  );

  r.patch(
    "/api/v1/channels/:id",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Rename, re-point, enable or disable a channel, or change its settings",
        security: bearer,
        params: idParamSchema,
        body: channelPatchSchema,
        response: { 200: channelSchema, ...withNotFound },
      },
    },
    async (request) => changeChannel(app.ctx, actorOf(request), request.params.id, request.body),
  );

  r.delete(
    "/api/v1/channels/:id",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Remove a channel (its cases stay)",
        security: bearer,
        params: idParamSchema,
        response: { 204: z.null().meta({ description: "Removed" }), ...withNotFound },
      },
    },
    async (request, reply) => {
      await removeChannel(app.ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.post(
    "/api/v1/channels/:id/rotate",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "A new inbound token and signing secret (shown once); the old ones stop working",
        security: bearer,
        params: idParamSchema,
        response: { 200: channelCreatedSchema, ...withNotFound },
      },
    },
    async (request) => rotateChannel(app.ctx, actorOf(request), request.params.id),
  );

  r.get(
    "/api/v1/cases/:id/channel-deliveries",
    {
      preValidation: readCases,
      schema: {
        tags,
        summary: "Where each reply of a channel thread's case stands: queued, sent or failed (staff)",
        security: bearer,
        params: idParamSchema,
        response: { 200: channelDeliveryListSchema, ...withNotFound },
      },
    },
    async (request) => caseDeliveries(app.ctx, actorOf(request), request.params.id),
  );

  r.post(
    "/api/v1/channels/messages/:messageId/retry",
    {
      preValidation: workCases,
      schema: {
        tags,
        summary: "Send a failed reply through its channel again",
        security: bearer,
        params: messageParam,
        response: { 200: channelDeliverySchema, ...withNotFound, 409: errorBodySchema },
      },
    },
    async (request) => retryDelivery(app.ctx, actorOf(request), request.params.messageId),
  );
}
