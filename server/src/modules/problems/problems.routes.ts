import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import {
  audienceSchema,
  caseProblemParamsSchema,
  createProblemSchema,
  linkCasesSchema,
  linkEscalationSchema,
  linkedCaseListSchema,
  linkResultSchema,
  problemDetailSchema,
  problemEventListSchema,
  problemListQuerySchema,
  problemListSchema,
  problemPatchSchema,
  problemSchema,
  problemUpdateInputSchema,
  problemUpdateListSchema,
} from "../../../../contracts/problems.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { listProblemUpdates, previewAudience, sendProblemUpdate } from "./broadcast.service.ts";
import { linkCases, unlinkCase } from "./links.ts";
import { linkedCases, listProblemEvents } from "./problems.repo.ts";
import {
  createProblem,
  getProblemDetail,
  linkEscalation,
  listProblemsFor,
  readProblem,
  unlinkEscalation,
  updateProblem,
} from "./problems.service.ts";

const tags = ["Problems"];
const read = requireActor("cases.read");
const withConflict = { ...withNotFound, 409: errorBodySchema };

export function problemRoutes(app: FastifyInstance) {
  const r = router(app);
  const scopeOf = (workspaceId: string) => new TenantScope(app.ctx.db, workspaceId);

  r.get(
    "/api/v1/problems",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Problems, most recently changed first",
        security: bearer,
        querystring: problemListQuerySchema,
        response: { 200: problemListSchema, ...withNotFound },
      },
    },
    async (request) => listProblemsFor(app.ctx, actorOf(request), request.query),
  );

  r.post(
    "/api/v1/problems",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Open a problem (optionally linking cases at once)",
        description:
          "The owner defaults to the creator. Announced to webhooks subscribed to problem.created.",
        security: bearer,
        body: createProblemSchema,
        response: { 201: problemSchema, ...withNotFound },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createProblem(app.ctx, actorOf(request), request.body)),
  );

  r.get(
    "/api/v1/problems/:id",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "One problem with its numbers, new cases per day and escalations",
        security: bearer,
        params: idParamSchema,
        response: { 200: problemDetailSchema, ...withNotFound },
      },
    },
    async (request) => getProblemDetail(app.ctx, actorOf(request), request.params.id),
  );

  r.patch(
    "/api/v1/problems/:id",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Change a problem: status, public title and workaround, affected products, owner…",
        description:
          "A new public workaround and a status change are noted on every linked case; a status change is " +
          "announced to webhooks subscribed to problem.status_changed.",
        security: bearer,
        params: idParamSchema,
        body: problemPatchSchema,
        response: { 200: problemSchema, ...withNotFound },
      },
    },
    async (request) => updateProblem(app.ctx, actorOf(request), request.params.id, request.body),
  );

  r.get(
    "/api/v1/problems/:id/cases",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "The linked cases with their customers and statuses, newest link first",
        security: bearer,
        params: idParamSchema,
        response: { 200: linkedCaseListSchema, ...withNotFound },
      },
    },
    async (request) => {
      const scope = scopeOf(actorOf(request).workspaceId);
      await readProblem(scope, request.params.id);
      return { items: await linkedCases(scope, request.params.id) };
    },
  );

  r.post(
    "/api/v1/problems/:id/cases",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Link cases to the problem",
        description:
          "An unknown case id (or one of another workspace) is 404 naming it, and nothing is linked.",
        security: bearer,
        params: idParamSchema,
        body: linkCasesSchema,
        response: { 200: linkResultSchema, ...withConflict },
      },
    },
    async (request) =>
      linkCases(app.ctx, actorOf(request), request.params.id, request.body.caseIds, request.body),
  );

  r.delete(
    "/api/v1/problems/:id/cases/:caseId",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Unlink a case (it stops waiting on the problem)",
        security: bearer,
        params: caseProblemParamsSchema,
        response: { 204: z.null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      await unlinkCase(app.ctx, actorOf(request), request.params.id, request.params.caseId);
      return reply.status(204).send(null);
    },
  );

  r.get(
    "/api/v1/problems/:id/events",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "The problem's own timeline, newest first",
        security: bearer,
        params: idParamSchema,
        response: { 200: problemEventListSchema, ...withNotFound },
      },
    },
    async (request) => {
      const scope = scopeOf(actorOf(request).workspaceId);
      await readProblem(scope, request.params.id);
      return { items: await listProblemEvents(scope, request.params.id) };
    },
  );

  r.post(
    "/api/v1/problems/:id/escalations",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Link an escalation to the problem",
        security: bearer,
        params: idParamSchema,
        body: linkEscalationSchema,
        response: { 200: problemDetailSchema, ...withNotFound },
      },
    },
    async (request) =>
      linkEscalation(app.ctx, actorOf(request), request.params.id, request.body.escalationId),
  );

  r.delete(
    "/api/v1/problems/:id/escalations/:escalationId",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Unlink an escalation",
        security: bearer,
        params: z.strictObject({ id: z.uuid(), escalationId: z.uuid() }),
        response: { 204: z.null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      await unlinkEscalation(app.ctx, actorOf(request), request.params.id, request.params.escalationId);
      return reply.status(204).send(null);
    },
  );

  r.get(
    "/api/v1/problems/:id/audience",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Who an update would reach now: cases, customers, and those excluded with the reason",
        security: bearer,
        params: idParamSchema,
        response: { 200: audienceSchema, ...withNotFound },
      },
    },
    async (request) => previewAudience(app.ctx, actorOf(request), request.params.id),
  );

  r.post(
    "/api/v1/problems/:id/updates",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Send an update to every affected customer, as a reply on each linked case",
        description:
          "Returns the broadcast's id and audience at once; replies go out in the background, one durable job " +
          "per case, signed by the problem's owner. solveWaiting (fixed problems only, else 409) also solves " +
          "the cases waiting on it. Announced to problem.update_sent webhooks when every case is done.",
        security: bearer,
        params: idParamSchema,
        body: problemUpdateInputSchema,
        response: { 202: z.object({ id: z.uuid(), audienceCount: z.number() }), ...withConflict },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(await sendProblemUpdate(app.ctx, actorOf(request), request.params.id, request.body)),
  );

  r.get(
    "/api/v1/problems/:id/updates",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Updates sent about the problem, newest first, with their progress",
        security: bearer,
        params: idParamSchema,
        response: { 200: problemUpdateListSchema, ...withNotFound },
      },
    },
    async (request) => listProblemUpdates(app.ctx, actorOf(request), request.params.id),
  );
}
