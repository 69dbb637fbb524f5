import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  caseLinkInputSchema,
  caseLinkListSchema,
  caseLinkParamsSchema,
  caseLinkSchema,
} from "../../../../contracts/case-links.ts";
import { idParamSchema } from "../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { linkCases, listCaseLinks, unlinkCases } from "./case-links.service.ts";

const tags = ["Cases"];

/** Related cases (issue #19): explicit links between cases. HTTP only; rules in the service. */
export function caseLinkRoutes(app: FastifyInstance) {
  const r = router(app);
  r.get(
    "/api/v1/cases/:id/links",
    {
      preValidation: requireActor("cases.read"),
      schema: {
        tags,
        summary: "The cases linked to this one, newest link first",
        security: bearer,
        params: idParamSchema,
        response: { 200: caseLinkListSchema, ...withNotFound },
      },
    },
    async (request) => listCaseLinks(app.ctx, actorOf(request), request.params.id),
  );
  r.post(
    "/api/v1/cases/:id/links",
    {
      preValidation: requireActor("cases.work"),
      schema: {
        tags,
        summary: "Link another case of the workspace to this one (by caseId or caseNumber)",
        description:
          "Undirected: the link shows on both cases. A recent linked case of the same customer, within the repeat window, makes the newer case a repeat contact (reason `link`). 409 for a self-link, a merged-away case or a pair already linked.",
        security: bearer,
        params: idParamSchema,
        body: caseLinkInputSchema,
        response: { 201: caseLinkSchema, ...withNotFound, 409: errorBodySchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await linkCases(app.ctx, actorOf(request), request.params.id, request.body)),
  );
  r.delete(
    "/api/v1/cases/:id/links/:otherId",
    {
      preValidation: requireActor("cases.work"),
      schema: {
        tags,
        summary: "Remove the link between two cases",
        security: bearer,
        params: caseLinkParamsSchema,
        response: { 204: z.null().meta({ description: "Unlinked" }), ...withNotFound },
      },
    },
    async (request, reply) => {
      await unlinkCases(app.ctx, actorOf(request), request.params.id, request.params.otherId);
      return reply.status(204).send(null);
    },
  );
}
