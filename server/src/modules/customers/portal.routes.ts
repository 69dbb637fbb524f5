import type { FastifyInstance } from "fastify";
import { portalProfileSchema } from "../../../../contracts/customers.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { findCustomerForUser, identitiesOf } from "./customers.repo.ts";
import { devicesOf, presentDevice } from "./devices.repo.ts";
import { currentFacts } from "./facts.repo.ts";

/**
 * What a signed-in customer's portal shows of what we already know about them, so a new
 * request never asks for it again.
 */
export function portalRoutes(app: FastifyInstance) {
  router(app).get(
    "/api/v1/portal/profile",
    {
      preValidation: requireActor("portal.use"),
      schema: {
        tags: ["Portal"],
        summary: "The signed-in customer's own details, facts and devices",
        security: bearer,
        response: { 200: portalProfileSchema, ...withNotFound },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const scope = new TenantScope(app.ctx.db, actor.workspaceId);
      const customer = await findCustomerForUser(scope, actor.userId);
      if (!customer) return { customer: null, identities: [], facts: {}, devices: [] };
      const [identities, facts, devices] = await Promise.all([
        identitiesOf(scope, [customer.id]),
        currentFacts(scope, customer.id),
        devicesOf(scope, customer.id),
      ]);
      return {
        customer: { id: customer.id, name: customer.name, organization: customer.organization },
        identities: identities.map(({ customerId: _c, ...i }) => i),
        facts: Object.fromEntries(facts.map((f) => [f.key, f.value])),
        devices: devices.map(presentDevice),
      };
    },
  );
}
