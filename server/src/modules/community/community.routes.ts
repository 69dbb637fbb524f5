import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../contracts/common.ts";
import {
  acceptResultSchema,
  articleDraftResultSchema,
  communityCategoryInputSchema,
  communityCategoryPatchSchema,
  communityCategorySchema,
  communityLinkInputSchema,
  communityLinkParamsSchema,
  communityPostInputSchema,
  communityPostPatchSchema,
  communityPostSchema,
  communitySimilarQuerySchema,
  communityTopicInputSchema,
  communityTopicListQuerySchema,
  communityTopicParamSchema,
  communityVoteInputSchema,
  escalateResultSchema,
  linkResultSchema,
  similarResultSchema,
  topicDetailSchema,
  topicListSchema,
  topicSummarySchema,
  voteResultSchema,
} from "../../../../contracts/community.ts";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import { actorOf, optionalActor, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { setAccepted } from "./accept.service.ts";
import { draftArticle } from "./article-draft.service.ts";
import { createCategory, deleteCategory, listCategories, updateCategory } from "./categories.service.ts";
import { escalateTopic, linkTopic, unlinkTopic } from "./links.service.ts";
import { createPost, deletePost, editPost } from "./posts.service.ts";
import { registerProblemNotices } from "./problem-notices.ts";
import { communityProfileRoutes } from "./profiles.routes.ts";
import { readerFor } from "./readers.ts";
import { similar } from "./similar.service.ts";
import { createTopic, getTopic, listTopics } from "./topics.service.ts";
import { vote } from "./votes.service.ts";

const tags = ["Community"];
const base = "/api/v1/community";
const anyone = optionalActor();
const signedIn = requireActor();
const manage = requireActor("community.manage");
const withConflict = { ...withNotFound, 409: errorBodySchema };
const withLimits = { ...withConflict, 429: errorBodySchema };

/** The community's core API (issue #16): categories, topics, posts, votes, links, profiles. */
export function communityRoutes(app: FastifyInstance) {
  const r = router(app);
  const reader = (request: FastifyRequest) => readerFor(app.ctx, request.actor, request.headers.host);

  // Problems announce workarounds and fixes; linked topics get an official post.
  const unregister = registerProblemNotices(app.ctx);
  app.addHook("onClose", async () => unregister());

  // ---- categories ----

  r.get(
    `${base}/categories`,
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "Categories the caller may read, in order, with their topic counts",
        response: { 200: z.object({ items: z.array(communityCategorySchema) }), ...withNotFound },
      },
    },
    async (request) => listCategories(app.ctx, await reader(request)),
  );

  r.post(
    `${base}/categories`,
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Create a category (the slug is made from the name unless given)",
        security: bearer,
        body: communityCategoryInputSchema,
        response: { 201: communityCategorySchema, ...withConflict },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCategory(app.ctx, actorOf(request), request.body)),
  );

  r.patch(
    `${base}/categories/:id`,
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Change a category",
        security: bearer,
        params: idParamSchema,
        body: communityCategoryPatchSchema,
        response: { 200: communityCategorySchema, ...withConflict },
      },
    },
    async (request) => updateCategory(app.ctx, actorOf(request), request.params.id, request.body),
  );

  r.delete(
    `${base}/categories/:id`,
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Delete a category (409 while it has topics)",
        security: bearer,
        params: idParamSchema,
        response: { 204: z.null(), ...withConflict },
      },
    },
    async (request, reply) => {
      await deleteCategory(app.ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  // ---- topics ----

  r.get(
    `${base}/topics`,
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "Topics the caller may read, 20 a page",
        querystring: communityTopicListQuerySchema,
        response: { 200: topicListSchema, ...withNotFound },
      },
    },
    async (request) => listTopics(app.ctx, await reader(request), request.query),
  );

  r.post(
    `${base}/topics`,
    {
      preValidation: signedIn,
      schema: {
        tags,
        summary: "Ask a question or start a discussion",
        description:
          "A staff API token may post on behalf of a customer with customerId. Announced to webhooks " +
          "subscribed to community.topic_created.",
        security: bearer,
        body: communityTopicInputSchema,
        response: { 201: topicSummarySchema, ...withLimits },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createTopic(app.ctx, actorOf(request), request.body)),
  );

  r.get(
    `${base}/topics/similar`,
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "Existing questions and help articles like the one being typed",
        querystring: communitySimilarQuerySchema,
        response: { 200: similarResultSchema, ...withNotFound },
      },
    },
    async (request) => {
      const rd = await reader(request);
      const session = rd.member?.id ?? rd.actor?.userId ?? request.id;
      return similar(app.ctx, rd, request.query.q, session);
    },
  );

  r.get(
    `${base}/topics/:id`,
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "A topic (by id or number) with its answers and comments",
        params: communityTopicParamSchema,
        response: { 200: topicDetailSchema, ...withNotFound },
      },
    },
    async (request) => getTopic(app.ctx, await reader(request), request.params.id),
  );

  r.post(
    `${base}/topics/:id/posts`,
    {
      preValidation: signedIn,
      schema: {
        tags,
        summary: "Answer, reply, or comment (parentPostId)",
        security: bearer,
        params: communityTopicParamSchema,
        body: communityPostInputSchema,
        response: { 201: communityPostSchema, ...withLimits },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createPost(app.ctx, actorOf(request), request.params.id, request.body)),
  );

  // ---- posts ----

  r.post(
    `${base}/posts/:id/votes`,
    {
      preValidation: signedIn,
      schema: {
        tags,
        summary: "Vote a post up (1) or down (-1), or take the vote back (0)",
        security: bearer,
        params: idParamSchema,
        body: communityVoteInputSchema,
        response: { 200: voteResultSchema, ...withNotFound },
      },
    },
    async (request) => vote(app.ctx, actorOf(request), request.params.id, request.body.value),
  );

  for (const method of ["post", "delete"] as const) {
    r[method](
      `${base}/posts/:id/accept`,
      {
        preValidation: signedIn,
        schema: {
          tags,
          summary: method === "post" ? "Accept an answer (the asker or staff)" : "Take an acceptance back",
          description:
            method === "post" ? "Announced to webhooks subscribed to community.answer_accepted." : "",
          security: bearer,
          params: idParamSchema,
          response: { 200: acceptResultSchema, ...withConflict },
        },
      },
      async (request) => setAccepted(app.ctx, actorOf(request), request.params.id, method === "post"),
    );
  }

  r.patch(
    `${base}/posts/:id`,
    {
      preValidation: signedIn,
      schema: {
        tags,
        summary: "Edit a post (its author or a moderator)",
        security: bearer,
        params: idParamSchema,
        body: communityPostPatchSchema,
        response: { 200: communityPostSchema, ...withNotFound },
      },
    },
    async (request) => editPost(app.ctx, actorOf(request), request.params.id, request.body.body),
  );

  r.delete(
    `${base}/posts/:id`,
    {
      preValidation: signedIn,
      schema: {
        tags,
        summary: "Delete a post (its author or a moderator)",
        security: bearer,
        params: idParamSchema,
        response: { 204: z.null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      await deletePost(app.ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  // ---- support links ----

  r.post(
    `${base}/topics/:id/links`,
    {
      preValidation: requireActor("cases.work"),
      schema: {
        tags,
        summary: "Link the topic to a case or a problem",
        security: bearer,
        params: communityTopicParamSchema,
        body: communityLinkInputSchema,
        response: { 200: linkResultSchema, ...withNotFound },
      },
    },
    async (request) => linkTopic(app.ctx, actorOf(request), request.params.id, request.body),
  );

  r.delete(
    `${base}/topics/:id/links/:targetId`,
    {
      preValidation: requireActor("cases.work"),
      schema: {
        tags,
        summary: "Unlink a case or the problem",
        security: bearer,
        params: communityLinkParamsSchema,
        response: { 204: z.null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      await unlinkTopic(app.ctx, actorOf(request), request.params.id, request.params.targetId);
      return reply.status(204).send(null);
    },
  );

  r.post(
    `${base}/topics/:id/escalate`,
    {
      preValidation: requireActor("portal.use"),
      schema: {
        tags,
        summary: "Turn your unsolved question into a support request",
        security: bearer,
        params: communityTopicParamSchema,
        response: { 201: escalateResultSchema, ...withConflict },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await escalateTopic(app.ctx, actorOf(request), request.params.id)),
  );

  r.post(
    `${base}/topics/:id/article-draft`,
    {
      preValidation: requireActor("help.manage"),
      schema: {
        tags,
        summary: "Draft a help article from a solved question (one per topic)",
        description: "201 with a new draft; 200 with the draft made earlier.",
        security: bearer,
        params: communityTopicParamSchema,
        response: { 200: articleDraftResultSchema, 201: articleDraftResultSchema, ...withConflict },
      },
    },
    async (request, reply) => {
      const { articleId, created } = await draftArticle(app.ctx, actorOf(request), request.params.id);
      return reply.status(created ? 201 : 200).send({ articleId });
    },
  );

  communityProfileRoutes(app);
}
