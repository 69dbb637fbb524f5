import type { FastifyInstance } from "fastify";
import { idParamSchema } from "../../../../../contracts/common.ts";
import {
  flagInputSchema,
  flagQueueQuerySchema,
  flagQueueSchema,
  flagSchema,
  hideInputSchema,
  mergeInputSchema,
  moderatedPostSchema,
  moderatedTopicSchema,
  postIdParamSchema,
  postModerationInputSchema,
  reviewInputSchema,
  reviewResultSchema,
  splitInputSchema,
  topicModerationInputSchema,
} from "../../../../../contracts/community-moderation.ts";
import { errorBodySchema } from "../../../../../contracts/errors.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { actorOf, requireActor } from "../../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import { flagQueue } from "./flags.repo.ts";
import { createFlag, reviewFlags } from "./flags.service.ts";
import { moderatePostBody, setPostHidden } from "./posts.service.ts";
import { mergeTopic, moderateTopic, splitTopic } from "./topics.service.ts";

const tags = ["Community moderation"];
const moderate = requireActor("community.moderate");
const withConflict = { ...withNotFound, 409: errorBodySchema };

/**
 * Flags, the review queue and staff acts on topics and posts. The staff topic and post edits
 * live under `/moderation` so they never clash with the author's own PATCH of the core part.
 */
export function moderationRoutes(app: FastifyInstance) {
  const r = router(app);

  r.post(
    "/api/v1/community/flags",
    {
      preValidation: requireActor(),
      schema: {
        tags,
        summary: "Flag a post for moderators",
        description:
          "Any signed-in person who can read the post, except its author. The flag weighs what the flagger's " +
          "trust says (staff 5); when the open flags reach the workspace's flagHideThreshold (default 5), or " +
          "staff flag, the post is hidden pending review. Flagging again answers 200 with the first flag.",
        security: bearer,
        body: flagInputSchema,
        response: { 200: flagSchema, 201: flagSchema, ...withNotFound },
      },
    },
    async (request, reply) => {
      const { created, flag } = await createFlag(app.ctx, actorOf(request), request.body);
      return reply.status(created ? 201 : 200).send(flag);
    },
  );

  r.get(
    "/api/v1/community/flags",
    {
      preValidation: moderate,
      schema: {
        tags,
        summary: "The review queue: flagged posts with their flags, author standing and spam reasons",
        security: bearer,
        querystring: flagQueueQuerySchema,
        response: { 200: flagQueueSchema, ...withNotFound },
      },
    },
    async (request) => {
      const { status, page, limit } = request.query;
      return flagQueue(new TenantScope(app.ctx.db, actorOf(request).workspaceId), status, page, limit);
    },
  );

  r.post(
    "/api/v1/community/flags/review/:postId",
    {
      preValidation: moderate,
      schema: {
        tags,
        summary: "Decide a flagged post: agree (stays hidden), disagree (restored) or ignore (flags closed)",
        description:
          "Agreeing that it is spam (by default when a flag says spam) penalises the author: reputation loss " +
          "and trust held at 0 for 14 days. Audited. 409 when the post has no open flags.",
        security: bearer,
        params: postIdParamSchema,
        body: reviewInputSchema,
        response: { 200: reviewResultSchema, ...withConflict },
      },
    },
    async (request) =>
      reviewFlags(app.ctx, actorOf(request), request.params.postId, request.body, request.id),
  );

  r.patch(
    "/api/v1/community/topics/:id/moderation",
    {
      preValidation: moderate,
      schema: {
        tags,
        summary: "Edit, move, close or pin a topic (staff)",
        security: bearer,
        params: idParamSchema,
        body: topicModerationInputSchema,
        response: { 200: moderatedTopicSchema, ...withNotFound },
      },
    },
    async (request) => moderateTopic(app.ctx, actorOf(request), request.params.id, request.body, request.id),
  );

  r.post(
    "/api/v1/community/topics/:id/merge",
    {
      preValidation: moderate,
      schema: {
        tags,
        summary: "Merge this topic into another; answers one the topic it was merged into",
        description:
          "Every post moves with its votes and accepts; this topic's opening post becomes an answer there. " +
          "This topic is closed and points at the other (merged_into_id), so its old address redirects.",
        security: bearer,
        params: idParamSchema,
        body: mergeInputSchema,
        response: { 200: moderatedTopicSchema, ...withConflict },
      },
    },
    async (request) => mergeTopic(app.ctx, actorOf(request), request.params.id, request.body, request.id),
  );

  r.post(
    "/api/v1/community/topics/:id/split",
    {
      preValidation: moderate,
      schema: {
        tags,
        summary: "Split answers off into a new topic in the same category",
        description:
          "The earliest chosen answer becomes the new topic's opening post; the others stay answers with " +
          "their votes and accepts, and comments follow their posts.",
        security: bearer,
        params: idParamSchema,
        body: splitInputSchema,
        response: { 201: moderatedTopicSchema, ...withNotFound },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await splitTopic(app.ctx, actorOf(request), request.params.id, request.body, request.id)),
  );

  r.patch(
    "/api/v1/community/posts/:id/moderation",
    {
      preValidation: moderate,
      schema: {
        tags,
        summary: "Edit any post's body (staff); the previous body is kept in the audit log",
        security: bearer,
        params: idParamSchema,
        body: postModerationInputSchema,
        response: { 200: moderatedPostSchema, ...withNotFound },
      },
    },
    async (request) =>
      moderatePostBody(app.ctx, actorOf(request), request.params.id, request.body, request.id),
  );

  for (const [action, hidden] of [
    ["hide", true],
    ["restore", false],
  ] as const) {
    r.post(
      `/api/v1/community/posts/:id/${action}`,
      {
        preValidation: moderate,
        schema: {
          tags,
          summary: hidden
            ? "Hide a post (staff); hiding a topic's opening post hides the topic"
            : "Restore a hidden post (staff); its open flags close as disagreed",
          security: bearer,
          params: idParamSchema,
          body: hideInputSchema.optional(),
          response: { 200: moderatedPostSchema, ...withNotFound },
        },
      },
      async (request) =>
        setPostHidden(app.ctx, actorOf(request), request.params.id, hidden, request.body?.reason, request.id),
    );
  }
}
