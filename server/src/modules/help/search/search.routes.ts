import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../../contracts/errors.ts";
import {
  caseArticleSuggestionsSchema,
  deflectionInputSchema,
  deflectionSchema,
  helpAnalyticsSchema,
  helpSearchQuerySchema,
  helpSearchResultSchema,
  helpSettingsInputSchema,
  helpSettingsSchema,
  helpSuggestionsQuerySchema,
  helpSuggestionsSchema,
  shareArticleInputSchema,
  sharedArticleSchema,
  viewInputSchema,
  voteInputSchema,
  voteSchema,
} from "../../../../../contracts/help-search.ts";
import { readContext } from "../../../platform/db/replica.ts";
import { actorOf, optionalActor, requireActor } from "../../../platform/http/authenticate.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import { findWorkspaceForHost } from "../../workspaces/workspaces.repo.ts";
import { type HelpReader, readerOf } from "../help.policy.ts";
import { visitorCookieOf, visitorSession } from "../public-views.ts";
import { helpAnalytics } from "./analytics.service.ts";
import { recordDeflection, recordView, recordVote, shareArticle } from "./feedback.service.ts";
import {
  caseArticleSuggestions,
  getHelpSettings,
  putHelpSettings,
  searchArticles,
  suggestions,
} from "./search.service.ts";

const tags = ["Help center"];
const anyone = optionalActor();
const admin = requireActor("workspace.manage");
const manage = requireActor("help.manage");
const customer = requireActor("portal.use");
const caseReader = requireActor("cases.read");
const caseWorker = requireActor("cases.work");
const caseIdParams = z.strictObject({ caseId: z.uuid() });

export function helpSearchRoutes(app: FastifyInstance) {
  const r = router(app);

  /** The caller as a reader: signed in (their workspace), or anonymous on the host's workspace. */
  async function reader(request: FastifyRequest): Promise<HelpReader> {
    if (request.actor) return readerOf(request.actor, request.actor.workspaceId);
    const ws = await findWorkspaceForHost(app.ctx.db, request.headers.host);
    if (!ws) throw new AppError("not_found", "Help center was not found");
    return readerOf(undefined, ws.id);
  }

  r.get(
    "/api/v1/help/search",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "Search articles the caller may read (the locale's stemming, typos forgiven), best first",
        querystring: helpSearchQuerySchema,
        response: { 200: helpSearchResultSchema, ...withNotFound },
      },
    },
    async (request) => searchArticles(app.ctx, await reader(request), request.query),
  );

  r.get(
    "/api/v1/help/suggestions",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary:
          "Up to 5 articles and playbooks for what a customer is about to ask (empty under 3 characters)",
        querystring: helpSuggestionsQuerySchema,
        response: { 200: helpSuggestionsSchema, ...withNotFound },
      },
    },
    async (request) => suggestions(app.ctx, await reader(request), request.query),
  );

  r.get(
    "/api/v1/help/settings",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Help center settings",
        security: bearer,
        response: { 200: helpSettingsSchema, ...withNotFound },
      },
    },
    async (request) => getHelpSettings(app.ctx, actorOf(request)),
  );

  r.put(
    "/api/v1/help/settings",
    {
      preValidation: admin,
      schema: {
        tags,
        summary: "Change the help center settings (the share of sessions held out of suggestions, 0–50 %)",
        security: bearer,
        body: helpSettingsInputSchema,
        response: { 200: helpSettingsSchema, ...withNotFound },
      },
    },
    async (request) => putHelpSettings(app.ctx, actorOf(request), request.body),
  );

  r.post(
    "/api/v1/help/deflections",
    {
      preValidation: customer,
      schema: {
        tags,
        summary: "Record that self-help answered the customer's request (no case opened)",
        security: bearer,
        body: deflectionInputSchema,
        response: { 201: deflectionSchema, ...withNotFound },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordDeflection(app.ctx, actorOf(request), request.body)),
  );

  r.post(
    "/api/v1/help/articles/:id/votes",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "Say whether an article helped (anyone who may read it)",
        params: idParamSchema,
        body: voteInputSchema,
        response: { 201: voteSchema, ...withNotFound },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await recordVote(app.ctx, await reader(request), request.params.id, request.body)),
  );

  r.post(
    "/api/v1/help/articles/:id/views",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "Count a view (one per session per article per day)",
        params: idParamSchema,
        body: viewInputSchema,
        response: { 204: z.null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      const who = await reader(request);
      // The browser that was served the article page is already one visitor (its cookie, see
      // public-views.ts): the same cookie here is the same visitor, so a page is counted once.
      const cookie = visitorCookieOf(request);
      const session = cookie ? visitorSession(who.workspaceId, cookie) : request.body.session;
      await recordView(app.ctx, who, request.params.id, session);
      return reply.status(204).send(null);
    },
  );

  r.get(
    "/api/v1/help/analytics",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Views, votes, deflections per article; content gaps; articles older than devices' firmware",
        security: bearer,
        response: { 200: helpAnalyticsSchema, ...withNotFound },
      },
    },
    async (request) => helpAnalytics(readContext(app.ctx), actorOf(request)),
  );

  r.get(
    "/api/v1/cases/:caseId/article-suggestions",
    {
      preValidation: caseReader,
      schema: {
        tags,
        summary: "Published articles (any visibility) for the case's subject and first message",
        security: bearer,
        params: caseIdParams,
        response: { 200: caseArticleSuggestionsSchema, ...withNotFound },
      },
    },
    async (request) => caseArticleSuggestions(app.ctx, actorOf(request), request.params.caseId),
  );

  r.post(
    "/api/v1/cases/:caseId/shared-articles",
    {
      preValidation: caseWorker,
      schema: {
        tags,
        summary: "Share an article on a case: the customer sees it on the timeline; answers a link to paste",
        security: bearer,
        params: caseIdParams,
        body: shareArticleInputSchema,
        response: { 201: sharedArticleSchema, ...withNotFound, 409: errorBodySchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await shareArticle(app.ctx, actorOf(request), request.params.caseId, request.body.articleId)),
  );
}
