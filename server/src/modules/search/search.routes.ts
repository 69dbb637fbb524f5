import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { caseSchema } from "../../../../contracts/cases.ts";
import { customerSchema } from "../../../../contracts/customers.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { listCases, presentCase } from "../cases/cases.repo.ts";
import { identitiesOf } from "../customers/customers.repo.ts";
import { presentCustomer } from "../customers/customers.service.ts";
import { looksLikePhone, normalizePhone } from "../customers/identities.ts";
import { searchBoxCustomers } from "./search.repo.ts";

/**
 * The global search box: customers by name, email, phone in any format or account, and
 * cases by number, subject or message text, in one request as the agent types. Each kind of
 * match is its own index-backed query (see search.repo.ts and listCases); results are bounded.
 */
export function searchRoutes(app: FastifyInstance) {
  router(app).get(
    "/api/v1/search",
    {
      preValidation: requireActor("cases.read"),
      schema: {
        tags: ["Search"],
        summary: "Find customers and cases in one go",
        security: bearer,
        querystring: z.strictObject({ q: z.string().trim().min(1).max(200) }),
        response: {
          200: z.object({ customers: z.array(customerSchema), cases: z.array(caseSchema) }),
          ...withNotFound,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const scope = new TenantScope(app.ctx.db, actor.workspaceId);
      const q = request.query.q;
      const phone = looksLikePhone(q) ? normalizePhone(q, actor.workspaceRegion) : undefined;
      const [customers, cases] = await Promise.all([
        searchBoxCustomers(scope, q, phone, 8),
        listCases(scope, { statuses: undefined, text: q }, undefined, 8),
      ]);
      const identities = await identitiesOf(
        scope,
        customers.map((c) => c.id),
      );
      return {
        customers: customers.map((c) => presentCustomer(c, identities)),
        cases: cases.slice(0, 8).map(presentCase),
      };
    },
  );
}
