import type { FastifyInstance } from "fastify";
import {
  customerTrainingSchema,
  lessonSearchQuerySchema,
  lessonSearchResultSchema,
  lessonSuggestionListSchema,
  lessonSuggestionsInputSchema,
} from "../../../../../contracts/academy-support.ts";
import { idParamSchema } from "../../../../../contracts/common.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { actorOf, requireActor } from "../../../platform/http/authenticate.ts";
import { notFound } from "../../../platform/http/errors.ts";
import { bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import { searchLessons } from "./lessons.repo.ts";
import { academyRecommendationRoutes } from "./recommendations.routes.ts";
import { listSuggestions, recordSuggestions } from "./suggestions.service.ts";
import { customerTraining } from "./training.service.ts";

const tags = ["Academy"];
const unprocessable = { ...withNotFound, 422: withNotFound[404] };

/**
 * The academy tied to support (issue #21): the composer's lesson search and suggestions, the
 * customer panel's training, and lessons recommended by articles and playbook outcomes.
 */
export function academySupportRoutes(app: FastifyInstance) {
  const r = router(app);
  const scopeOf = (workspaceId: string) => new TenantScope(app.ctx.db, workspaceId);

  r.get(
    "/api/v1/academy/lessons/search",
    {
      preValidation: requireActor("cases.work"),
      schema: {
        tags,
        summary: "Search lessons of published courses by words in their title or text (the composer)",
        security: bearer,
        querystring: lessonSearchQuerySchema,
        response: { 200: lessonSearchResultSchema, ...withNotFound },
      },
    },
    async (request) => ({
      items: await searchLessons(scopeOf(actorOf(request).workspaceId), request.query.q, request.query.limit),
    }),
  );

  r.post(
    "/api/v1/cases/:id/lesson-suggestions",
    {
      preValidation: requireActor("cases.work"),
      schema: {
        tags,
        summary: "Record the lessons suggested in a reply just sent (their links must be in its text)",
        security: bearer,
        params: idParamSchema,
        body: lessonSuggestionsInputSchema,
        response: { 201: lessonSuggestionListSchema, ...unprocessable },
      },
    },
    async (request, reply) => {
      const items = await recordSuggestions(app.ctx, actorOf(request), request.params.id, request.body);
      return reply.status(201).send({ items });
    },
  );

  r.get(
    "/api/v1/cases/:id/lesson-suggestions",
    {
      preValidation: requireActor("cases.read"),
      schema: {
        tags,
        summary: "Lessons suggested on a case, and whether the customer completed them",
        security: bearer,
        params: idParamSchema,
        response: { 200: lessonSuggestionListSchema, ...withNotFound },
      },
    },
    async (request) => {
      const scope = scopeOf(actorOf(request).workspaceId);
      const kase = await scope
        .selectFrom("cases")
        .select("id")
        .where("id", "=", request.params.id)
        .executeTakeFirst();
      if (!kase) throw notFound("Case");
      return { items: await listSuggestions(scope, { caseId: kase.id }) };
    },
  );

  r.get(
    "/api/v1/customers/:id/training",
    {
      preValidation: requireActor("customers.read"),
      schema: {
        tags,
        summary: "The customer's training: courses, certificates, live sessions, suggested lessons",
        security: bearer,
        params: idParamSchema,
        response: { 200: customerTrainingSchema, ...withNotFound },
      },
    },
    async (request) => customerTraining(scopeOf(actorOf(request).workspaceId), request.params.id),
  );

  academyRecommendationRoutes(app);
}
