import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { caseSchema, OPEN_STATUSES } from "../../../../contracts/cases.ts";
import { customerSchema } from "../../../../contracts/customers.ts";
import { problemHitSchema } from "../../../../contracts/problems.ts";
import { readDb } from "../../platform/db/replica.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { listCases, presentCase } from "../cases/cases.repo.ts";
import { identitiesOf } from "../customers/customers.repo.ts";
import { presentCustomer } from "../customers/customers.service.ts";
import { looksLikePhone, normalizePhone } from "../customers/identities.ts";
import { searchBoxProblems } from "../problems/search.ts";
import { searchBoxCustomers } from "./search.repo.ts";

/**
 * The global search box: customers by name, email, phone in any format or account, and
 * cases by number, subject or message text, in one request as the agent types. Each kind of
 * match is its own index-backed query (see search.repo.ts and listCases); results are bounded.
 */
/** When the box finds this many customers or fewer, it is looking for them: show their open cases. */
const FEW_CUSTOMERS = 3;
/** Each such customer's most recently active open cases, at most this many. */
const THEIR_CASES = 4;

async function openCasesOf(scope: TenantScope, customers: Array<{ id: string }>) {
  if (customers.length === 0 || customers.length > FEW_CUSTOMERS) return [];
  const lists = await Promise.all(
    customers.map((c) =>
      listCases(scope, { statuses: OPEN_STATUSES, customerId: c.id }, undefined, THEIR_CASES),
    ),
  );
  return lists.flatMap((l) => l.slice(0, THEIR_CASES));
}

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
          200: z.object({
            customers: z.array(customerSchema),
            cases: z.array(caseSchema),
            problems: z.array(problemHitSchema),
          }),
          ...withNotFound,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      // Unfenced: text predicates need their GIN indexes, which RLS would keep them from (see
      // TenantScope.withoutFence); every query here is still filtered by the scope.
      // Lag-tolerant: the search box reads from the replica while it keeps up (db/replica.ts).
      const scope = new TenantScope(readDb(app.ctx), actor.workspaceId).withoutFence();
      const q = request.query.q;
      const phone = looksLikePhone(q) ? normalizePhone(q, actor.workspaceRegion) : undefined;
      const [customers, matched, problems] = await Promise.all([
        searchBoxCustomers(scope, q, phone, 8),
        listCases(scope, { statuses: undefined, text: q }, undefined, 8),
        searchBoxProblems(scope, q, 5),
      ]);
      const [identities, theirs] = await Promise.all([
        identitiesOf(
          scope,
          customers.map((c) => c.id),
        ),
        openCasesOf(scope, customers),
      ]);
      // A name matches no subject: without the found customers' open cases, "Maria Gonzalez"
      // showed only old cases that happened to mention her. Theirs come first, each case once.
      const seen = new Set<string>();
      const cases = [...theirs, ...matched].filter((c) => !seen.has(c.id) && seen.add(c.id));
      return {
        customers: customers.map((c) => presentCustomer(c, identities)),
        cases: cases.slice(0, 8).map(presentCase),
        problems,
      };
    },
  );
}
