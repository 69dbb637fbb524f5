import type { FastifyInstance } from "fastify";
import { idParamSchema } from "../../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../../contracts/errors.ts";
import {
  createLegalHoldInputSchema,
  legalHoldListQuerySchema,
  legalHoldListSchema,
  legalHoldSchema,
} from "../../../../../contracts/privacy.ts";
import { actorOf, requireActor } from "../../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import { listHoldsFor, placeHold, releaseHold } from "./holds.service.ts";

const tags = ["Privacy"];
const admin = requireActor("workspace.manage");

export function legalHoldRoutes(app: FastifyInstance) {
  const r = router(app);
  r.get(
    "/api/v1/legal-holds",
    {
      preValidation: admin,
      schema: {
        tags,
        summary:
          "Legal holds (active by default); with caseId, those covering that case (on it or its customer)",
        security: bearer,
        querystring: legalHoldListQuerySchema,
        response: { 200: legalHoldListSchema, ...withNotFound },
      },
    },
    async (request) => ({ items: await listHoldsFor(app.ctx, actorOf(request), request.query) }),
  );
  r.post(
    "/api/v1/legal-holds",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Place a legal hold on a customer or a case: blocks erasure and retention deletion",
        security: bearer,
        body: createLegalHoldInputSchema,
        response: { 201: legalHoldSchema, ...withNotFound, 409: errorBodySchema },
      },
    },
    async (request, reply) => reply.code(201).send(await placeHold(app.ctx, actorOf(request), request.body)),
  );
  r.post(
    "/api/v1/legal-holds/:id/release",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Release a legal hold",
        security: bearer,
        params: idParamSchema,
        response: { 200: legalHoldSchema, ...withNotFound, 409: errorBodySchema },
      },
    },
    async (request) => releaseHold(app.ctx, actorOf(request), request.params.id),
  );
}
