import type { FastifyInstance } from "fastify";
import {
  mergeSuggestionsQuerySchema,
  mergeSuggestionsResultSchema,
  prioritiesQuerySchema,
  prioritiesResultSchema,
  similarIdeasQuerySchema,
  similarIdeasResultSchema,
  themesQuerySchema,
  themesResultSchema,
} from "../../../../../contracts/feedback-insight.ts";
import { actorOf, optionalActor, requireActor } from "../../../platform/http/authenticate.ts";
import { authErrors, bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import { readerFor } from "../feedback.policy.ts";
import { mergeSuggestions } from "./merge-suggestions.service.ts";
import { priorities } from "./priorities.service.ts";
import { similarIdeas } from "./similar.service.ts";
import { themes } from "./themes.service.ts";

const tags = ["Feedback"];
const base = "/api/v1/feedback";
const triage = requireActor("feedback.triage");

/** The feedback portal's insight views (issue #17, docs/feedback-api.md "Insight"). */
export function insightRoutes(app: FastifyInstance) {
  const r = router(app);

  r.get(
    `${base}/ideas/similar`,
    {
      preValidation: optionalActor(),
      schema: {
        tags,
        summary: "Existing ideas and help articles like the idea being typed (readable boards only)",
        querystring: similarIdeasQuerySchema,
        response: { 200: similarIdeasResultSchema, ...withNotFound },
      },
    },
    async (request) => {
      const reader = await readerFor(app.ctx.db, request.actor, request.headers.host);
      return similarIdeas(app.ctx, reader, {
        q: request.query.q,
        boardId: request.query.boardId,
        session: request.actor?.userId ?? request.id,
      });
    },
  );

  r.get(
    `${base}/priorities`,
    {
      preValidation: triage,
      schema: {
        tags,
        summary: "Ideas ranked by the prioritisation score, with every term of it (triage)",
        security: bearer,
        querystring: prioritiesQuerySchema,
        response: { 200: prioritiesResultSchema, ...authErrors },
      },
    },
    async (request) => priorities(app.ctx, actorOf(request).workspaceId, request.query),
  );

  r.get(
    `${base}/themes`,
    {
      preValidation: triage,
      schema: {
        tags,
        summary:
          "New ideas and linked cases per month by board and tag, and this month's top movers (triage)",
        security: bearer,
        querystring: themesQuerySchema,
        response: { 200: themesResultSchema, ...authErrors },
      },
    },
    async (request) => themes(app.ctx, actorOf(request).workspaceId, request.query),
  );

  r.get(
    `${base}/merge-suggestions`,
    {
      preValidation: triage,
      schema: {
        tags,
        summary: "Pairs of similar open ideas not merged yet, with their similarity and why (triage)",
        security: bearer,
        querystring: mergeSuggestionsQuerySchema,
        response: { 200: mergeSuggestionsResultSchema, ...authErrors },
      },
    },
    async (request) => mergeSuggestions(app.ctx, actorOf(request).workspaceId, request.query),
  );
}
