import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import {
  feedbackBoardInputSchema,
  feedbackBoardPatchSchema,
  feedbackSettingsSchema,
  ideaCaseLinkInputSchema,
  ideaCommentInputSchema,
  ideaInputSchema,
  ideaListQuerySchema,
  ideaMergeInputSchema,
  ideaPatchSchema,
  ideaStatusSchema,
  ideaVoteInputSchema,
} from "../../../../contracts/feedback.ts";
import { actorOf, optionalActor, requireActor } from "../../platform/http/authenticate.ts";
import { AppError } from "../../platform/http/errors.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { createBoard, deleteBoard, listBoards, updateBoard } from "./boards.service.ts";
import { linkCase, listCases, unlinkCase } from "./case-links.service.ts";
import { addComment, deleteComment, listComments } from "./comments.service.ts";
import { readerFor } from "./feedback.policy.ts";
import {
  boardSchema,
  caseLinkResultSchema,
  ideaCasesSchema,
  ideaCommentSchema,
  ideaDetailSchema,
  ideaListSchema,
  mergeResultSchema,
  settingsSchema,
  subscriptionResultSchema,
  voteResultSchema,
} from "./feedback.schemas.ts";
import { getIdea, listIdeas } from "./idea-read.ts";
import { createIdea, patchIdea } from "./ideas.service.ts";
import { mergeIdea } from "./merge.service.ts";
import { getSettings, putSettings } from "./settings.service.ts";
import { setSubscription } from "./subscriptions.ts";
import { castVote, removeVote } from "./votes.service.ts";
import { ANONYMOUS_VOTE_LIMIT, castAnonymousVote, removeAnonymousVote } from "./votes-anonymous.ts";

const tags = ["Feedback"];
const base = "/api/v1/feedback";
const anyone = optionalActor();
const signedIn = requireActor();
const triage = requireActor("feedback.triage");
const manage = requireActor("feedback.manage");
const withConflict = { ...withNotFound, 409: errorBodySchema };
const withRules = { ...withNotFound, 422: errorBodySchema };

const ideaParam = z.strictObject({
  id: z.union([z.uuid(), z.string().regex(/^\d{1,15}$/, "must be an idea id or number")]),
});
// The contract's patch leaves `duplicate` out; it is accepted here only to be refused with the
// 422 that says how an idea does become a duplicate (merging).
const patchBody = z
  .strictObject({ ...ideaPatchSchema.shape, status: ideaStatusSchema.optional() })
  .refine((p) => Object.keys(p).length > 0, { message: "nothing to change", path: ["status"] });

/** The feedback portal's core API (issue #17): boards, ideas, votes, comments, merges, cases. */
export function feedbackRoutes(app: FastifyInstance) {
  const r = router(app);
  const reader = (request: FastifyRequest) => readerFor(app.ctx.db, request.actor, request.headers.host);

  // ---- boards and settings ----

  r.get(
    `${base}/boards`,
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "Boards the caller may read, in order, with their idea counts",
        response: { 200: z.object({ items: z.array(boardSchema) }), ...withNotFound },
      },
    },
    async (request) => listBoards(app.ctx, await reader(request)),
  );

  r.post(
    `${base}/boards`,
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Create a board (the slug is made from the name unless given)",
        security: bearer,
        body: feedbackBoardInputSchema,
        response: { 201: boardSchema, ...withConflict },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createBoard(app.ctx, actorOf(request), request.body)),
  );

  r.patch(
    `${base}/boards/:id`,
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Change a board",
        security: bearer,
        params: idParamSchema,
        body: feedbackBoardPatchSchema,
        response: { 200: boardSchema, ...withConflict },
      },
    },
    async (request) => updateBoard(app.ctx, actorOf(request), request.params.id, request.body),
  );

  r.delete(
    `${base}/boards/:id`,
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Delete a board (409 while it has ideas)",
        security: bearer,
        params: idParamSchema,
        response: { 204: z.null(), ...withConflict },
      },
    },
    async (request, reply) => {
      await deleteBoard(app.ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    `${base}/settings`,
    {
      preValidation: triage,
      schema: {
        tags,
        summary: "Status labels, score weights, value fact and anonymous voting",
        security: bearer,
        response: { 200: settingsSchema, ...withNotFound },
      },
    },
    async (request) => getSettings(app.ctx, actorOf(request)),
  );

  r.put(
    `${base}/settings`,
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Replace the feedback settings",
        description: "Status labels rename the fixed statuses; declined and duplicate keep their meaning.",
        security: bearer,
        body: feedbackSettingsSchema,
        response: { 200: settingsSchema, ...withNotFound },
      },
    },
    async (request) => putSettings(app.ctx, actorOf(request), request.body),
  );

  // ---- ideas ----

  r.get(
    `${base}/ideas`,
    {
      preValidation: anyone,
      schema: {
        tags,
        summary:
          "Ideas the caller may read: filter by board, status, tag, text or case; sort by votes, score or recent",
        querystring: ideaListQuerySchema,
        response: { 200: ideaListSchema, ...withNotFound },
      },
    },
    async (request) => listIdeas(app.ctx, await reader(request), request.query),
  );

  r.post(
    `${base}/ideas`,
    {
      preValidation: signedIn,
      schema: {
        tags,
        summary: "Post an idea (staff may post for a customer, and link the case it came from)",
        description: "Announced to webhooks subscribed to idea.created (not for staff-only boards).",
        security: bearer,
        body: ideaInputSchema,
        response: { 201: ideaDetailSchema, ...withNotFound },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createIdea(app.ctx, actorOf(request), request.body)),
  );

  r.get(
    `${base}/ideas/:id`,
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "An idea (by id or number) with its votes, requesters, history and comments",
        params: ideaParam,
        response: { 200: ideaDetailSchema, ...withNotFound },
      },
    },
    async (request) => getIdea(app.ctx, await reader(request), request.params.id),
  );

  r.patch(
    `${base}/ideas/:id`,
    {
      preValidation: signedIn,
      schema: {
        tags,
        summary: "Edit an idea, or (triage) change its status with a public explanation",
        description:
          "Declining needs an explanation of at least 30 characters (422 naming explanation). " +
          "Announced to webhooks subscribed to idea.status_changed.",
        security: bearer,
        params: ideaParam,
        body: patchBody,
        response: { 200: ideaDetailSchema, ...withRules },
      },
    },
    async (request) => patchIdea(app.ctx, actorOf(request), request.params.id, request.body),
  );

  for (const method of ["post", "delete"] as const) {
    r[method](
      `${base}/ideas/:id/votes`,
      {
        preValidation: anyone,
        // Anonymous votes only (signed-in people are who they are): per address, checked after
        // the caller is known, since a script can always drop its visitor cookie.
        config: {
          rateLimit: {
            ...ANONYMOUS_VOTE_LIMIT,
            hook: "preHandler",
            allowList: (request: FastifyRequest) => !!request.actor,
          },
        },
        schema: {
          tags,
          summary:
            method === "post" ? "Vote for an idea (staff: on a customer's behalf)" : "Take a vote back",
          description:
            "Idempotent. Votes on a duplicate count for its original. Without signing in only when the " +
            "workspace turned anonymous voting on (else 401): public boards, one vote per visitor cookie, " +
            "rate-limited per address (429).",
          security: bearer,
          params: ideaParam,
          ...(method === "post" ? { body: ideaVoteInputSchema } : { querystring: ideaVoteInputSchema }),
          response: { 200: voteResultSchema, ...withNotFound, 429: errorBodySchema },
        },
      },
      async (request, reply) => {
        const customerId = (
          (method === "post" ? request.body : request.query) as { customerId?: string } | undefined
        )?.customerId;
        if (!request.actor) {
          if (customerId) throw new AppError("unauthenticated", "Sign in to vote on a customer's behalf");
          const run = method === "post" ? castAnonymousVote : removeAnonymousVote;
          const { setCookie, ...result } = await run(app.ctx, request, request.params.id);
          if (setCookie) reply.header("set-cookie", setCookie);
          return result;
        }
        const run = method === "post" ? castVote : removeVote;
        return run(app.ctx, actorOf(request), request.params.id, customerId);
      },
    );
  }

  r.get(
    `${base}/ideas/:id/comments`,
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "Comments on an idea, oldest first (official answers marked)",
        params: ideaParam,
        response: { 200: z.object({ items: z.array(ideaCommentSchema) }), ...withNotFound },
      },
    },
    async (request) => listComments(app.ctx, await reader(request), request.params.id),
  );

  r.post(
    `${base}/ideas/:id/comments`,
    {
      preValidation: signedIn,
      schema: {
        tags,
        summary: "Comment on an idea (triage may mark it as the official answer)",
        security: bearer,
        params: ideaParam,
        body: ideaCommentInputSchema,
        response: { 201: ideaCommentSchema, ...withNotFound },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addComment(app.ctx, actorOf(request), request.params.id, request.body)),
  );

  r.delete(
    `${base}/ideas/:id/comments/:commentId`,
    {
      preValidation: signedIn,
      schema: {
        tags,
        summary: "Delete a comment (its author or triage)",
        security: bearer,
        params: z.strictObject({ id: ideaParam.shape.id, commentId: z.uuid() }),
        response: { 204: z.null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      await deleteComment(app.ctx, actorOf(request), request.params.id, request.params.commentId);
      return reply.status(204).send(null);
    },
  );

  r.post(
    `${base}/ideas/:id/merge`,
    {
      preValidation: triage,
      schema: {
        tags,
        summary: "Mark an idea as a duplicate of another: votes, requesters, followers and cases move",
        description:
          "intoId in the answer is the final original (chains resolve). Merging into itself or its own " +
          "duplicate is 422. Repeating a merge changes nothing. Announced to webhooks subscribed to idea.merged.",
        security: bearer,
        params: ideaParam,
        body: ideaMergeInputSchema,
        response: { 200: mergeResultSchema, ...withRules },
      },
    },
    async (request) => mergeIdea(app.ctx, actorOf(request), request.params.id, request.body.intoId),
  );

  r.get(
    `${base}/ideas/:id/cases`,
    {
      preValidation: triage,
      schema: {
        tags,
        summary: "Cases linked to an idea as evidence",
        security: bearer,
        params: ideaParam,
        response: { 200: ideaCasesSchema, ...withNotFound },
      },
    },
    async (request) => listCases(app.ctx, actorOf(request), request.params.id),
  );

  r.post(
    `${base}/ideas/:id/cases`,
    {
      preValidation: triage,
      schema: {
        tags,
        summary: "Link a case: its customer counts as a requester without voting",
        security: bearer,
        params: ideaParam,
        body: ideaCaseLinkInputSchema,
        response: { 200: caseLinkResultSchema, ...withNotFound },
      },
    },
    async (request) => linkCase(app.ctx, actorOf(request), request.params.id, request.body.caseId),
  );

  r.delete(
    `${base}/ideas/:id/cases/:caseId`,
    {
      preValidation: triage,
      schema: {
        tags,
        summary: "Unlink a case (its customer stays a requester only if they voted or have another case)",
        security: bearer,
        params: z.strictObject({ id: ideaParam.shape.id, caseId: z.uuid() }),
        response: { 204: z.null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      await unlinkCase(app.ctx, actorOf(request), request.params.id, request.params.caseId);
      return reply.status(204).send(null);
    },
  );

  for (const method of ["post", "delete"] as const) {
    r[method](
      `${base}/ideas/:id/subscription`,
      {
        preValidation: signedIn,
        schema: {
          tags,
          summary: method === "post" ? "Follow an idea" : "Stop following an idea",
          security: bearer,
          params: ideaParam,
          response: { 200: subscriptionResultSchema, ...withNotFound },
        },
      },
      async (request) => setSubscription(app.ctx, actorOf(request), request.params.id, method === "post"),
    );
  }
}
