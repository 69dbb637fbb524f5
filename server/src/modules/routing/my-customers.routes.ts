import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { TenantScope } from "../../platform/db/tenant.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router } from "../../platform/http/route-kit.ts";

const myCustomersSchema = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string(), organization: z.string().nullable() })),
});

/**
 * "My customers" on the agent's home (issue #18): the customers who chose this agent, or were
 * given them by staff, as their preferred agent — the people who keep their agent. Newest
 * choice first, at most 200 (a long list is a sign the preference is being used as a queue).
 */
export function myCustomersRoutes(app: FastifyInstance) {
  router(app).get(
    "/api/v1/agents/me/customers",
    {
      preValidation: requireActor("cases.read"),
      schema: {
        tags: ["Routing"],
        summary: "Customers who prefer me as their agent",
        security: bearer,
        response: { 200: myCustomersSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const scope = new TenantScope(app.ctx.db, actor.workspaceId);
      const items = await scope
        .selectFrom("customer_routing")
        .innerJoin("customers", "customers.id", "customer_routing.customer_id")
        .select(["customers.id", "customers.name", "customers.organization"])
        .where("customer_routing.preferred_agent_id", "=", actor.membershipId)
        .where("customers.merged_into", "is", null)
        .orderBy("customer_routing.updated_at", "desc")
        .limit(200)
        .execute();
      return { items };
    },
  );
}
