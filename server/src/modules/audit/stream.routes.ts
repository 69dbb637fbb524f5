import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { auditStreamInputSchema, auditStreamSchema } from "../../../../contracts/audit.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { deliverAuditStream, getAuditStream, removeAuditStream, saveAuditStream } from "./stream.service.ts";

const tags = ["Audit log"];
const admin = requireActor("workspace.manage");

/** Settings → Audit log → Streaming: the workspace's stream to a SIEM (stream.service.ts). */
export function auditStreamRoutes(app: FastifyInstance) {
  const r = router(app);
  r.get(
    "/api/v1/audit/stream",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "The audit log's stream to a SIEM: where it goes and how far it got",
        security: bearer,
        response: { 200: auditStreamSchema, ...withNotFound },
      },
    },
    async (request) => getAuditStream(app.ctx, actorOf(request)),
  );
  r.put(
    "/api/v1/audit/stream",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Set up or change the stream",
        description:
          "Every minute, records the endpoint has not accepted yet are POSTed as JSON Lines in chain order " +
          "(X-Rapport-Event: audit.records, X-Rapport-Timestamp, X-Rapport-Signature as for webhooks, " +
          "X-Rapport-First-Seq and X-Rapport-Last-Seq). A non-2xx answer sends the same records again later. " +
          "The signing secret is in the answer only when the stream is made or newSecret is true.",
        security: bearer,
        body: auditStreamInputSchema,
        response: { 200: auditStreamSchema, ...withNotFound },
      },
    },
    async (request) => saveAuditStream(app.ctx, actorOf(request), request.body, request.id),
  );
  r.post(
    "/api/v1/audit/stream/deliver",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Send what is waiting now instead of at the next minute",
        security: bearer,
        response: { 200: auditStreamSchema, ...withNotFound },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await getAuditStream(app.ctx, actor); // 404 when there is none
      await deliverAuditStream(app.ctx, actor.workspaceId);
      return getAuditStream(app.ctx, actor);
    },
  );
  r.delete(
    "/api/v1/audit/stream",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Stop streaming and forget the endpoint",
        security: bearer,
        response: { 204: z.null().meta({ description: "Removed" }), ...withNotFound },
      },
    },
    async (request, reply) => {
      await removeAuditStream(app.ctx, actorOf(request), request.id);
      return reply.status(204).send(null);
    },
  );
}
