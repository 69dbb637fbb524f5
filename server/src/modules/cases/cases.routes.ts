import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idempotencyKeySchema } from "../../../../contracts/actions.ts";
import {
  casePageSchema,
  caseSchema,
  createCaseInputSchema,
  listCasesQuerySchema,
  messageInputSchema,
  messageSchema,
  updateCaseInputSchema,
} from "../../../../contracts/cases.ts";
import { idParamSchema, pageQuerySchema } from "../../../../contracts/common.ts";
import { staffMessagePageSchema } from "../../../../contracts/conduct-assess.ts";
import { timelinePageSchema, timelineQuerySchema } from "../../../../contracts/timeline.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { AppError } from "../../platform/http/errors.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { listTimeline } from "../timeline/timeline.ts";
import { assertCanSeeCase, isStaff } from "./cases.policy.ts";
import { findCase } from "./cases.repo.ts";
import { createCase, getCaseFor, listCasesFor, updateCase } from "./cases.service.ts";
import { addMessage, listMessagesFor, readAttachment } from "./conversation.service.ts";
import { createCaseOnce } from "./create-once.service.ts";

const tags = ["Cases"];
const anyone = requireActor();
const staffOnly = requireActor("cases.work");
// Messages may carry up to 10 attachments of 5 MB (base64 adds a third).
const MESSAGE_BODY_LIMIT = 75 * 1024 * 1024;

export function caseRoutes(app: FastifyInstance) {
  const r = router(app);

  r.post(
    "/api/v1/cases",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary:
          "Open a case with the customer's first message (customers open their own); an Idempotency-Key header makes a retry return the first case",
        security: bearer,
        body: createCaseInputSchema,
        response: { 201: caseSchema, ...withNotFound },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const header = request.headers["idempotency-key"];
      if (header === undefined) return reply.status(201).send(await createCase(app.ctx, actor, request.body));
      const key = idempotencyKeySchema.safeParse(header);
      if (!key.success)
        throw new AppError(
          "validation_failed",
          "Send an Idempotency-Key header of 8 to 200 characters",
          "Idempotency-Key",
        );
      return reply.status(201).send(await createCaseOnce(app.ctx, actor, request.body, key.data));
    },
  );

  r.get(
    "/api/v1/cases",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "Cases by last activity, newest first; customers see their own",
        security: bearer,
        querystring: listCasesQuerySchema,
        response: { 200: casePageSchema, ...withNotFound },
      },
    },
    async (request) => listCasesFor(app.ctx, actorOf(request), request.query),
  );

  r.get(
    "/api/v1/cases/:id",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "One case",
        security: bearer,
        params: idParamSchema,
        response: { 200: caseSchema, ...withNotFound },
      },
    },
    async (request) => getCaseFor(app.ctx, actorOf(request), request.params.id),
  );

  r.patch(
    "/api/v1/cases/:id",
    {
      preValidation: staffOnly,
      schema: {
        tags,
        summary: "Change status, assignee, team, priority, tags or subject",
        security: bearer,
        params: idParamSchema,
        body: updateCaseInputSchema,
        response: { 200: caseSchema, ...withNotFound },
      },
    },
    async (request) => updateCase(app.ctx, actorOf(request), request.params.id, request.body),
  );

  r.get(
    "/api/v1/cases/:id/messages",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "The conversation, oldest first (customers do not see internal notes)",
        security: bearer,
        params: idParamSchema,
        querystring: pageQuerySchema,
        response: { 200: staffMessagePageSchema, ...withNotFound },
      },
    },
    async (request) => listMessagesFor(app.ctx, actorOf(request), request.params.id, request.query),
  );

  r.post(
    "/api/v1/cases/:id/messages",
    {
      preValidation: anyone,
      bodyLimit: MESSAGE_BODY_LIMIT,
      schema: {
        tags,
        summary: "Reply or add an internal note (staff), or write to your case (customer)",
        security: bearer,
        params: idParamSchema,
        body: messageInputSchema,
        response: { 201: messageSchema, ...withNotFound },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addMessage(app.ctx, actorOf(request), request.params.id, request.body)),
  );

  r.get(
    "/api/v1/cases/:id/timeline",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "What happened on this case, newest first",
        security: bearer,
        params: idParamSchema,
        querystring: timelineQuerySchema,
        response: { 200: timelinePageSchema, ...withNotFound },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const scope = new TenantScope(app.ctx.db, actor.workspaceId);
      const c = await findCase(scope, request.params.id);
      await assertCanSeeCase(scope, actor, c?.customerId);
      return listTimeline(scope, { caseId: request.params.id, includeNotes: isStaff(actor) }, request.query);
    },
  );

  r.get(
    "/api/v1/attachments/:id",
    {
      preValidation: anyone,
      schema: {
        tags,
        summary: "Download an attachment",
        security: bearer,
        params: idParamSchema,
        response: { 200: z.any(), ...withNotFound },
      },
    },
    async (request, reply) => {
      const file = await readAttachment(app.ctx, actorOf(request), request.params.id);
      const safeName = file.name.replace(/[^\w.() -]/g, "_");
      return reply
        .header("content-type", "application/octet-stream")
        .header("content-disposition", `attachment; filename="${safeName}"`)
        .header("x-content-type-options", "nosniff")
        .send(file.bytes);
    },
  );
}
