import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import {
  businessHoursInputSchema,
  businessHoursListSchema,
  businessHoursSchema,
} from "../../../../contracts/sla.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import {
  createBusinessHours,
  deleteBusinessHours,
  getBusinessHours,
  listBusinessHours,
  updateBusinessHours,
} from "./hours.service.ts";

const tags = ["Business hours"];
const read = requireActor("cases.read");
const manage = requireActor("team.manage");
const errors = { ...withNotFound, 409: errorBodySchema };

export function businessHoursRoutes(app: FastifyInstance) {
  const r = router(app);
  r.get(
    "/api/v1/business-hours",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Business hours of the workspace and its teams",
        security: bearer,
        response: { 200: businessHoursListSchema, ...withNotFound },
      },
    },
    async (request) => listBusinessHours(app.ctx, actorOf(request)),
  );
  r.get(
    "/api/v1/business-hours/:id",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "One set of business hours",
        security: bearer,
        params: idParamSchema,
        response: { 200: businessHoursSchema, ...withNotFound },
      },
    },
    async (request) => getBusinessHours(app.ctx, actorOf(request), request.params.id),
  );
  r.post(
    "/api/v1/business-hours",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Add business hours for a team (or the workspace default)",
        description: "Open cases' SLA dues are recomputed in the new hours.",
        security: bearer,
        body: businessHoursInputSchema,
        response: { 201: businessHoursSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createBusinessHours(app.ctx, actorOf(request), request.body)),
  );
  r.put(
    "/api/v1/business-hours/:id",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Replace business hours",
        description: "Open cases' SLA dues are recomputed in the new hours.",
        security: bearer,
        params: idParamSchema,
        body: businessHoursInputSchema,
        response: { 200: businessHoursSchema, ...errors },
      },
    },
    async (request) => updateBusinessHours(app.ctx, actorOf(request), request.params.id, request.body),
  );
  r.delete(
    "/api/v1/business-hours/:id",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Remove business hours",
        security: bearer,
        params: idParamSchema,
        response: { 204: z.null().meta({ description: "Removed" }), ...withNotFound },
      },
    },
    async (request, reply) => {
      await deleteBusinessHours(app.ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
