import type { FastifyInstance } from "fastify";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import {
  abandonSchema,
  answerSchema,
  caseParamSchema,
  portalPlaybookListSchema,
  portalPlaybookQuerySchema,
  portalPlaybookSchema,
  portalStartRunSchema,
  runListSchema,
  runParamSchema,
  runSchema,
  runSnapshotListSchema,
  slugParamSchema,
  startRunSchema,
} from "../../../../contracts/playbooks.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { portalPlaybook, portalPlaybooks } from "./portal.service.ts";
import {
  abandonRun,
  answerStep,
  getRun,
  listRunsOfCase,
  runSnapshots,
  startCaseRun,
  startPortalRun,
} from "./runs.service.ts";

const tags = ["Playbooks"];
const anyone = requireActor();
const work = requireActor("cases.work");
const read = requireActor("cases.read");
const portal = requireActor("portal.use");
const withConflict = { ...withNotFound, 409: errorBodySchema };

/** Runs: agents inside a case, customers alone in the portal. Every step lands on the timeline. */
export function playbookRunRoutes(app: FastifyInstance) {
  const r = router(app);

  r.get(
    "/api/v1/cases/:caseId/playbook-runs",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "The case's playbook runs, oldest first, each with its steps in order",
        security: bearer,
        params: caseParamSchema,
        response: { 200: runListSchema, ...withNotFound },
      },
    },
    async (request) => listRunsOfCase(app.ctx, actorOf(request), request.params.caseId),
  );

  r.post(
    "/api/v1/cases/:caseId/playbook-runs",
    {
      preValidation: work,
      schema: {
        tags,
        summary: "Start the published version of a playbook in the case",
        security: bearer,
        params: caseParamSchema,
        body: startRunSchema,
        response: { 201: runSchema, ...withConflict },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await startCaseRun(app.ctx, actorOf(request), request.params.caseId, request.body.playbookId)),
  );

  r.get(
    "/api/v1/playbook-runs/:runId",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "One run with its steps and the step waiting for an answer (customers: their own)",
        security: bearer,
        params: runParamSchema,
        response: { 200: runSchema, ...withNotFound },
      },
    },
    async (request) => getRun(app.ctx, actorOf(request), request.params.runId),
  );

  r.get(
    "/api/v1/playbook-runs/:runId/snapshots",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "Snapshots of the run's customer a diagnostic check can branch on, newest first",
        security: bearer,
        params: runParamSchema,
        response: { 200: runSnapshotListSchema, ...withNotFound },
      },
    },
    async (request) => runSnapshots(app.ctx, actorOf(request), request.params.runId),
  );

  r.post(
    "/api/v1/playbook-runs/:runId/answer",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "Answer the current step (a choice, or a snapshot for a check) and move on",
        description:
          "409 when the step is no longer current (another agent moved the run on) or the run ended.",
        security: bearer,
        params: runParamSchema,
        body: answerSchema,
        response: { 200: runSchema, ...withConflict },
      },
    },
    async (request) => answerStep(app.ctx, actorOf(request), request.params.runId, request.body),
  );

  r.post(
    "/api/v1/playbook-runs/:runId/abandon",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "Stop a run without an outcome",
        security: bearer,
        params: runParamSchema,
        body: abandonSchema,
        response: { 200: runSchema, ...withConflict },
      },
    },
    async (request) => abandonRun(app.ctx, actorOf(request), request.params.runId, request.body.reason),
  );

  r.get(
    "/api/v1/portal/playbooks",
    {
      preValidation: portal,
      schema: {
        tags: ["Portal"],
        summary: "Published help guides; ?topic= keeps those whose topic keywords match the text",
        security: bearer,
        querystring: portalPlaybookQuerySchema,
        response: { 200: portalPlaybookListSchema, ...withNotFound },
      },
    },
    async (request) => portalPlaybooks(app.ctx, actorOf(request), request.query.topic),
  );

  r.get(
    "/api/v1/portal/playbooks/:slug",
    {
      preValidation: portal,
      schema: {
        tags: ["Portal"],
        summary: "One published help guide",
        security: bearer,
        params: slugParamSchema,
        response: { 200: portalPlaybookSchema, ...withNotFound },
      },
    },
    async (request) => portalPlaybook(app.ctx, actorOf(request), request.params.slug),
  );

  r.post(
    "/api/v1/portal/playbooks/:slug/runs",
    {
      preValidation: portal,
      schema: {
        tags: ["Portal"],
        summary: "Start a help guide alone; if it does not resolve, a case carrying the run is opened",
        security: bearer,
        params: slugParamSchema,
        body: portalStartRunSchema,
        response: { 201: runSchema, ...withConflict },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await startPortalRun(app.ctx, actorOf(request), request.params.slug)),
  );
}
