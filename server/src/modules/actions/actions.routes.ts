import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  actionInputSchema,
  actionPatchSchema,
  actionRunSchema,
  actionSchema,
  approvalDecisionSchema,
  approvalListQuerySchema,
  approvalQueueItemSchema,
  idempotencyKeySchema,
  runInputSchema,
} from "../../../../contracts/actions.ts";
import { idParamSchema } from "../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { AppError } from "../../platform/http/errors.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { actionForm, createAction, listActions, patchAction, removeAction } from "./actions.service.ts";
import { decide, listApprovals } from "./approvals.service.ts";
import { caseRuns, retryRun, runAction } from "./runs.service.ts";

const tags = ["Actions"];
const run = requireActor("actions.run");
const manage = requireActor("actions.manage");
const withConflict = { ...withNotFound, 409: errorBodySchema };
const caseActionParams = z.strictObject({ id: z.uuid(), actionId: z.uuid() });
const formSchema = z.object({ action: actionSchema, fields: z.array(z.record(z.string(), z.unknown())) });

/** Actions (issue #18): definitions, the case form, runs and retries, and the approvals queue. */
export function actionRoutes(app: FastifyInstance) {
  const r = router(app);

  r.get(
    "/api/v1/actions",
    {
      preValidation: run,
      schema: {
        tags,
        summary: "The actions the caller may run (admins see all), each with canRun",
        security: bearer,
        response: { 200: z.object({ items: z.array(actionSchema) }), ...withNotFound },
      },
    },
    async (request) => listActions(app.ctx, actorOf(request)),
  );

  r.post(
    "/api/v1/actions",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Define an action; its signing secret is in this answer only",
        security: bearer,
        body: actionInputSchema,
        response: { 201: actionSchema, ...withNotFound },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createAction(app.ctx, actorOf(request), request.body)),
  );

  r.patch(
    "/api/v1/actions/:id",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Change an action",
        security: bearer,
        params: idParamSchema,
        body: actionPatchSchema,
        response: { 200: actionSchema, ...withNotFound },
      },
    },
    async (request) => patchAction(app.ctx, actorOf(request), request.params.id, request.body),
  );

  r.delete(
    "/api/v1/actions/:id",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Remove an action (its past runs stay on the cases)",
        security: bearer,
        params: idParamSchema,
        response: { 204: z.null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      await removeAction(app.ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    "/api/v1/cases/:id/actions/:actionId/form",
    {
      preValidation: run,
      schema: {
        tags,
        summary: "The action's fields with defaults filled from this case (missing facts flagged)",
        security: bearer,
        params: caseActionParams,
        response: { 200: formSchema, ...withNotFound },
      },
    },
    async (request) => actionForm(app.ctx, actorOf(request), request.params.id, request.params.actionId),
  );

  r.post(
    "/api/v1/cases/:id/actions/:actionId",
    {
      preValidation: run,
      schema: {
        tags,
        summary: "Run the action on this case (Idempotency-Key required: the same key is the same run)",
        security: bearer,
        params: caseActionParams,
        body: runInputSchema,
        response: { 200: actionRunSchema, 201: actionRunSchema, ...withConflict },
      },
    },
    async (request, reply) => {
      const key = idempotencyKeySchema.safeParse(request.headers["idempotency-key"] ?? "");
      if (!key.success)
        throw new AppError(
          "validation_failed",
          "Send an Idempotency-Key header of 8 to 200 characters",
          "Idempotency-Key",
        );
      const actor = actorOf(request);
      const { id, actionId } = request.params;
      const out = await runAction(app.ctx, actor, id, actionId, request.body.input, key.data);
      return reply.status(out.created ? 201 : 200).send(out.run);
    },
  );

  r.get(
    "/api/v1/cases/:id/action-runs",
    {
      preValidation: run,
      schema: {
        tags,
        summary: "The actions run on this case, newest first",
        security: bearer,
        params: idParamSchema,
        response: { 200: z.object({ items: z.array(actionRunSchema) }), ...withNotFound },
      },
    },
    async (request) => caseRuns(app.ctx, actorOf(request), request.params.id),
  );

  r.post(
    "/api/v1/action-runs/:id/retry",
    {
      preValidation: run,
      schema: {
        tags,
        summary: "Try a failed run again (same run id, so the target can drop a repeat)",
        security: bearer,
        params: idParamSchema,
        response: { 200: actionRunSchema, ...withConflict },
      },
    },
    async (request) => retryRun(app.ctx, actorOf(request), request.params.id),
  );

  r.get(
    "/api/v1/approvals",
    {
      preValidation: run,
      schema: {
        tags,
        summary: "Runs waiting for (or given) a decision: admins see all, team leads their teams' cases",
        security: bearer,
        querystring: approvalListQuerySchema,
        response: { 200: z.object({ items: z.array(approvalQueueItemSchema) }), ...withNotFound },
      },
    },
    async (request) => listApprovals(app.ctx, actorOf(request), request.query.status),
  );

  r.post(
    "/api/v1/approvals/:id",
    {
      preValidation: run,
      schema: {
        tags,
        summary: "Approve (the action runs now) or refuse with a reason",
        security: bearer,
        params: idParamSchema,
        body: approvalDecisionSchema,
        response: { 200: actionRunSchema, ...withConflict },
      },
    },
    async (request) => decide(app.ctx, actorOf(request), request.params.id, request.body),
  );
}
