import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import {
  caseIdParamSchema,
  escalateInputSchema,
  escalationListSchema,
  escalationQuerySchema,
  escalationSchema,
  findingsInputSchema,
  noteInputSchema,
  noteSchema,
  taskInputSchema,
  taskListSchema,
  taskSchema,
} from "../../../../contracts/escalations.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { audit } from "../audit/audit.ts";
import {
  addEscalationNote,
  addEscalationTask,
  caseEscalations,
  caseTasks,
  claimEscalation,
  closeEscalation,
  completeTask,
  escalateCase,
  escalationQueue,
  getEscalation,
  handBackFindings,
} from "./escalations.service.ts";
import { buildExportDocument, exportZip } from "./export.ts";

const tags = ["Escalations"];
const read = requireActor("cases.read");
const agent = requireActor("cases.work");
const engineer = requireActor("escalations.work");
const withConflict = { ...withNotFound, 409: errorBodySchema };

export function escalationRoutes(app: FastifyInstance) {
  const r = router(app);

  r.post(
    "/api/v1/cases/:caseId/escalations",
    {
      preValidation: agent,
      schema: {
        tags,
        summary: "Escalate the case to engineering with a summary and a question",
        description:
          "The case goes on hold (and to the escalating agent if unassigned) while engineering works on it. " +
          "With runId, the playbook run that ended in escalate; a run is escalated once (409 the second time). " +
          "Announced to webhooks subscribed to escalation.created.",
        security: bearer,
        params: caseIdParamSchema,
        body: escalateInputSchema,
        response: { 201: escalationSchema, ...withConflict },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await escalateCase(app.ctx, actorOf(request), request.params.caseId, request.body)),
  );

  r.get(
    "/api/v1/cases/:caseId/escalations",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "The case's escalations, oldest first",
        security: bearer,
        params: caseIdParamSchema,
        response: { 200: escalationListSchema, ...withNotFound },
      },
    },
    async (request) => caseEscalations(app.ctx, actorOf(request), request.params.caseId),
  );

  r.get(
    "/api/v1/cases/:caseId/tasks",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Tasks on the case (further diagnostics asked by engineering), oldest first",
        security: bearer,
        params: caseIdParamSchema,
        response: { 200: taskListSchema, ...withNotFound },
      },
    },
    async (request) => caseTasks(app.ctx, actorOf(request), request.params.caseId),
  );

  r.post(
    "/api/v1/tasks/:id/done",
    {
      preValidation: agent,
      schema: {
        tags,
        summary: "Mark a task done (records who and when)",
        security: bearer,
        params: idParamSchema,
        response: { 200: taskSchema, ...withConflict },
      },
    },
    async (request) => completeTask(app.ctx, actorOf(request), request.params.id),
  );

  r.get(
    "/api/v1/escalations",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "The escalation queue, oldest first",
        security: bearer,
        querystring: escalationQuerySchema,
        response: { 200: escalationListSchema, ...withNotFound },
      },
    },
    async (request) => escalationQueue(app.ctx, actorOf(request), request.query),
  );

  r.get(
    "/api/v1/escalations/:id",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "One escalation",
        security: bearer,
        params: idParamSchema,
        response: { 200: escalationSchema, ...withNotFound },
      },
    },
    async (request) => getEscalation(app.ctx, actorOf(request), request.params.id),
  );

  r.post(
    "/api/v1/escalations/:id/claim",
    {
      preValidation: engineer,
      schema: {
        tags,
        summary: "Take the escalation (engineers)",
        security: bearer,
        params: idParamSchema,
        response: { 200: escalationSchema, ...withConflict },
      },
    },
    async (request) => claimEscalation(app.ctx, actorOf(request), request.params.id),
  );

  r.post(
    "/api/v1/escalations/:id/notes",
    {
      preValidation: engineer,
      schema: {
        tags,
        summary: "Add an internal note to the case (staff only; customers never see it)",
        security: bearer,
        params: idParamSchema,
        body: noteInputSchema,
        response: { 201: noteSchema, ...withConflict },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addEscalationNote(app.ctx, actorOf(request), request.params.id, request.body.body)),
  );

  r.post(
    "/api/v1/escalations/:id/tasks",
    {
      preValidation: engineer,
      schema: {
        tags,
        summary: "Ask the agent for a further diagnostic: a task on the case",
        security: bearer,
        params: idParamSchema,
        body: taskInputSchema,
        response: { 201: taskSchema, ...withConflict },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addEscalationTask(app.ctx, actorOf(request), request.params.id, request.body)),
  );

  r.post(
    "/api/v1/escalations/:id/findings",
    {
      preValidation: engineer,
      schema: {
        tags,
        summary: "Hand findings back to the agent (the escalation becomes answered)",
        security: bearer,
        params: idParamSchema,
        body: findingsInputSchema,
        response: { 200: escalationSchema, ...withConflict },
      },
    },
    async (request) => handBackFindings(app.ctx, actorOf(request), request.params.id, request.body.findings),
  );

  r.post(
    "/api/v1/escalations/:id/close",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Close the escalation (agents and engineers)",
        security: bearer,
        params: idParamSchema,
        response: { 200: escalationSchema, ...withConflict },
      },
    },
    async (request) => closeEscalation(app.ctx, actorOf(request), request.params.id),
  );

  r.get(
    "/api/v1/escalations/:id/export",
    {
      preValidation: read,
      schema: {
        tags,
        summary: "Download the escalation as a zip: escalation.json plus the case's attachments",
        security: bearer,
        params: idParamSchema,
        response: { 200: z.any(), ...withNotFound },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const built = await buildExportDocument(
        app.ctx,
        actor,
        request.params.id,
        await playbookRuns(app, request),
      );
      // Case data leaving Rapport: recorded in the audit log (issue #23).
      await audit(new TenantScope(app.ctx.db, actor.workspaceId), {
        actorUserId: actor.userId,
        action: "escalation.exported",
        subjectType: "escalation",
        subjectId: request.params.id,
        data: { caseNumber: built.caseNumber, format: "zip" },
        requestId: request.id,
      });
      return reply
        .header("content-type", "application/zip")
        .header(
          "content-disposition",
          `attachment; filename="escalation-case-${built.caseNumber}-${request.params.id.slice(0, 8)}.zip"`,
        )
        .header("x-content-type-options", "nosniff")
        .send(exportZip(app.ctx, actor, built));
    },
  );
}

/**
 * The case's playbook runs, when the playbooks module serves them, asked as the same caller
 * (so its own access rules apply); null when it does not exist here, and the export falls
 * back to the playbook events of the timeline.
 */
async function playbookRuns(app: FastifyInstance, request: FastifyRequest<{ Params: { id: string } }>) {
  const escalation = await getEscalation(app.ctx, actorOf(request), request.params.id);
  const headers: Record<string, string> = {};
  if (request.headers.authorization) headers.authorization = request.headers.authorization;
  if (request.headers.cookie) headers.cookie = request.headers.cookie;
  const res = await app.inject({
    method: "GET",
    url: `/api/v1/cases/${escalation.caseId}/playbook-runs`,
    headers,
  });
  if (res.statusCode !== 200) return null;
  const body = res.json() as { items?: unknown[] } | unknown[];
  return Array.isArray(body) ? body : (body.items ?? null);
}
