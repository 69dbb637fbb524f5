import type { FastifyInstance } from "fastify";
import { idParamSchema } from "../../../../../contracts/common.ts";
import { errorBodySchema } from "../../../../../contracts/errors.ts";
import {
  customerErasureStateSchema,
  eraseCustomerInputSchema,
  erasureSchema,
} from "../../../../../contracts/privacy.ts";
import { actorOf, requireActor } from "../../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../../platform/http/route-kit.ts";
import { erasureState, requestErasure } from "./erasure.service.ts";

const tags = ["Privacy"];
// Erasure cannot be undone: admins only (the workspace's settings permission).
const admin = requireActor("workspace.manage");

export function erasureRoutes(app: FastifyInstance) {
  const r = router(app);
  r.delete(
    "/api/v1/customers/:id",
    {
      preValidation: admin,
      schema: {
        tags,
        summary:
          "Erase a customer (GDPR): starts a job that deletes or anonymises their personal data everywhere",
        description:
          'Body `{"confirm":true}`. Answers 202 with the erasure request (status pending, then completed); asking ' +
          "again answers the same request. 409 `legal_hold` names the hold that blocks it. Cases stay as " +
          "anonymous rows so report counts do not change.",
        security: bearer,
        params: idParamSchema,
        body: eraseCustomerInputSchema,
        response: { 202: erasureSchema, ...withNotFound, 409: errorBodySchema },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await requestErasure(app.ctx, actorOf(request), request.params.id, request.id)),
  );
  r.get(
    "/api/v1/customers/:id/erasure",
    {
      preValidation: admin,
      schema: {
        tags,
        summary:
          "A customer's erasure state: erased or not, the request, and the legal holds that block erasure",
        security: bearer,
        params: idParamSchema,
        response: { 200: customerErasureStateSchema, ...withNotFound },
      },
    },
    async (request) => erasureState(app.ctx, actorOf(request), request.params.id),
  );
}
