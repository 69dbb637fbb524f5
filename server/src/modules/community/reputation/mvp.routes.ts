import type { FastifyInstance } from "fastify";
import { idParamSchema } from "../../../../../contracts/common.ts";
import {
  mvpDirectorySchema,
  mvpTermInputSchema,
  mvpTermSchema,
  nominationDecisionSchema,
  nominationInputSchema,
  nominationListQuerySchema,
  nominationListSchema,
  nominationSchema,
} from "../../../../../contracts/community-reputation.ts";
import { errorBodySchema } from "../../../../../contracts/errors.ts";
import { actorOf, optionalActor, requireActor } from "../../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import { awardDirectly, decide, mvpDirectory, nominate, nominationsFor } from "./mvp.service.ts";
import { viewerOf } from "./viewer.ts";

/** The MVP program's routes (registered by reputationRoutes). */
const tags = ["Community"];
const withConflict = { ...withNotFound, 409: errorBodySchema };

export function mvpRoutes(app: FastifyInstance) {
  const r = router(app);
  const manage = requireActor("community.manage");

  r.get(
    "/api/v1/community/mvp",
    {
      preValidation: optionalActor(),
      schema: {
        tags,
        summary: "The public MVP directory: members whose term covers now",
        response: { 200: mvpDirectorySchema, ...withNotFound },
      },
    },
    async (request) => mvpDirectory((await viewerOf(request)).scope),
  );

  r.post(
    "/api/v1/community/mvp/nominations",
    {
      preValidation: requireActor("portal.use"),
      schema: {
        tags,
        summary: "Nominate a member as MVP, with a reason (not yourself; one pending per nominee each)",
        security: bearer,
        body: nominationInputSchema,
        response: { 201: nominationSchema, ...withConflict },
      },
    },
    async (request, reply) => reply.status(201).send(await nominate(app.ctx, actorOf(request), request.body)),
  );

  r.get(
    "/api/v1/community/mvp/nominations",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Nominations to review, each with the nominee's record",
        security: bearer,
        querystring: nominationListQuerySchema,
        response: { 200: nominationListSchema, ...withNotFound },
      },
    },
    async (request) => nominationsFor(app.ctx, actorOf(request), request.query.status),
  );

  r.post(
    "/api/v1/community/mvp/nominations/:id/decision",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Accept (awards a term, 12 months unless `months`) or decline a nomination",
        security: bearer,
        params: idParamSchema,
        body: nominationDecisionSchema,
        response: { 200: nominationSchema, ...withConflict },
      },
    },
    async (request) => decide(app.ctx, actorOf(request), request.params.id, request.body),
  );

  r.post(
    "/api/v1/community/mvp/terms",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Award or renew MVP directly; a renewal starts when the current term ends",
        security: bearer,
        body: mvpTermInputSchema,
        response: { 201: mvpTermSchema, ...withNotFound },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await awardDirectly(app.ctx, actorOf(request), request.body)),
  );
}
