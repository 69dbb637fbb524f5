import type { FastifyInstance } from "fastify";
import { idParamSchema } from "../../../../contracts/common.ts";
import {
  forwardInputSchema,
  forwardSchema,
  messageParamSchema,
  replyDefaultsSchema,
  signatureInputSchema,
  signatureSchema,
} from "../../../../contracts/composer.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { authErrors, bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { assertCanSeeCase } from "../cases/cases.policy.ts";
import { findCase } from "../cases/cases.repo.ts";
import { replyDefaults } from "./copies.ts";
import { forwardMessage } from "./forward.service.ts";
import { findSignature, saveSignature } from "./signature.repo.ts";

const tags = ["Composer"];

/** The composer's extras: the agent's signature, a case's remembered CC/BCC, forwarding. */
export function composerRoutes(app: FastifyInstance) {
  const r = router(app);
  const scopeOf = (a: Actor, ctx: AppContext) => new TenantScope(ctx.db, a.workspaceId);

  r.get(
    "/api/v1/me/signature",
    {
      preValidation: requireActor("cases.read"),
      schema: {
        tags,
        summary: "My email signature (markdown) in this workspace; empty when I have none",
        security: bearer,
        response: { 200: signatureSchema, ...authErrors },
      },
    },
    async (request) => {
      const a = actorOf(request);
      return { body: await findSignature(scopeOf(a, app.ctx), a.userId) };
    },
  );

  r.put(
    "/api/v1/me/signature",
    {
      preValidation: requireActor("cases.work"),
      schema: {
        tags,
        summary: "Set my email signature, appended to my email replies (never to notes); empty removes it",
        security: bearer,
        body: signatureInputSchema,
        response: { 200: signatureSchema, ...authErrors },
      },
    },
    async (request) => {
      const a = actorOf(request);
      await saveSignature(scopeOf(a, app.ctx), a.userId, request.body.body);
      return { body: request.body.body };
    },
  );

  r.get(
    "/api/v1/cases/:id/reply-defaults",
    {
      preValidation: requireActor("cases.read"),
      schema: {
        tags,
        summary: "The CC and BCC of the case's last email reply, offered again for the next one",
        security: bearer,
        params: idParamSchema,
        response: { 200: replyDefaultsSchema, ...withNotFound },
      },
    },
    async (request) => {
      const scope = scopeOf(actorOf(request), app.ctx);
      const c = await findCase(scope, request.params.id);
      await assertCanSeeCase(scope, actorOf(request), c?.customerId);
      return replyDefaults(scope, request.params.id);
    },
  );

  r.post(
    "/api/v1/cases/:id/messages/:messageId/forward",
    {
      preValidation: requireActor("cases.work"),
      schema: {
        tags,
        summary: "Forward a message with its attachments to an outside address; internal on the timeline",
        security: bearer,
        params: messageParamSchema,
        body: forwardInputSchema,
        response: { 202: forwardSchema, ...withNotFound },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(
          await forwardMessage(
            app.ctx,
            actorOf(request),
            request.params.id,
            request.params.messageId,
            request.body,
          ),
        ),
  );
}
