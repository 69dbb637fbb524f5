import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../contracts/common.ts";
import {
  slaNotificationListSchema,
  slaPolicyInputSchema,
  slaPolicyListSchema,
  slaPolicyPatchSchema,
  slaPolicySchema,
  slaReportQuerySchema,
  slaReportSchema,
} from "../../../../contracts/sla.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { createPolicy, deletePolicy, listPolicies, updatePolicy } from "./policies.service.ts";
import { myNotifications, slaReport } from "./report.ts";

const tags = ["SLA"];
const read = requireActor("cases.read");
const manage = requireActor("team.manage");

export function slaRoutes(app: FastifyInstance) {
  const r = router(app);
  r.get(
    "/api/v1/sla-policies",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "SLA policies, in the order they are tried",
        security: bearer,
        response: { 200: slaPolicyListSchema, ...withNotFound },
      },
    },
    async (request) => listPolicies(app.ctx, actorOf(request)),
  );
  r.post(
    "/api/v1/sla-policies",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Add an SLA policy",
        description:
          "The first policy (by position) whose conditions match a case applies. Open cases are recomputed.",
        security: bearer,
        body: slaPolicyInputSchema,
        response: { 201: slaPolicySchema, ...withNotFound },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createPolicy(app.ctx, actorOf(request), request.body)),
  );
  r.patch(
    "/api/v1/sla-policies/:id",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Change an SLA policy; open cases are recomputed",
        security: bearer,
        params: idParamSchema,
        body: slaPolicyPatchSchema,
        response: { 200: slaPolicySchema, ...withNotFound },
      },
    },
    async (request) => updatePolicy(app.ctx, actorOf(request), request.params.id, request.body),
  );
  r.delete(
    "/api/v1/sla-policies/:id",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Remove an SLA policy",
        security: bearer,
        params: idParamSchema,
        response: { 204: z.null().meta({ description: "Removed" }), ...withNotFound },
      },
    },
    async (request, reply) => {
      await deletePolicy(app.ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  r.get(
    "/api/v1/reports/sla",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "SLA attainment per team: met and breached per target",
        security: bearer,
        querystring: slaReportQuerySchema,
        response: { 200: slaReportSchema, ...withNotFound },
      },
    },
    async (request) => slaReport(app.ctx, actorOf(request), request.query),
  );
  r.get(
    "/api/v1/sla/notifications",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "My SLA breach and near-breach notices, newest first",
        security: bearer,
        response: { 200: slaNotificationListSchema, ...withNotFound },
      },
    },
    async (request) => myNotifications(app.ctx, actorOf(request)),
  );
}
