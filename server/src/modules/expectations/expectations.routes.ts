import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { expectedReplyQuerySchema, expectedReplySchema } from "../../../../contracts/expectations.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { assertCanSeeCase } from "../cases/cases.policy.ts";
import { caseForExpectation } from "./expectations.repo.ts";
import { expectedReply, replyBySentence } from "./expectations.service.ts";

/** The portal's "a person will reply by …", the same promise the acknowledgement made. */
export function expectationRoutes(app: FastifyInstance) {
  router(app).get(
    "/api/v1/portal/cases/:id/expected-reply",
    {
      preValidation: requireActor("portal.use"),
      schema: {
        tags: ["Portal"],
        summary: "When a person will reply to this case, in the customer's own time zone",
        security: bearer,
        params: z.object({ id: z.uuid() }),
        querystring: expectedReplyQuerySchema,
        response: { 200: expectedReplySchema, ...withNotFound },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const scope = new TenantScope(app.ctx.db, actor.workspaceId);
      const c = await caseForExpectation(scope, request.params.id);
      await assertCanSeeCase(scope, actor, c?.customerId);
      const e = await expectedReply(scope, request.params.id, { zoneHint: request.query.tz });
      return {
        by: e.by ? e.by.toISOString() : null,
        timezone: e.timezone,
        reason: e.reason,
        text: replyBySentence(e),
      };
    },
  );
}
