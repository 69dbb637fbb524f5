import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  churnedListSchema,
  cohortQuerySchema,
  cohortsSchema,
  retentionDashboardSchema,
  retentionRangeQuerySchema,
} from "../../../../contracts/retention-dashboard.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import { churnedCustomers, retentionCohorts, retentionDashboard } from "./dashboard.service.ts";
import { lifecycleRoutes } from "./lifecycle.routes.ts";
import { acceptOffer } from "./offers.service.ts";

const tags = ["Retention"];
// Retention and revenue are business figures: the people who manage the team see them.
const manage = requireActor("team.manage");

export function retentionRoutes(app: FastifyInstance) {
  lifecycleRoutes(app);
  const r = router(app);
  r.get(
    "/api/v1/retention/dashboard",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Retention and revenue retention by support experience, and offer outcomes beside CSAT",
        security: bearer,
        querystring: retentionRangeQuerySchema,
        response: { 200: retentionDashboardSchema, ...withNotFound },
      },
    },
    async (request) => retentionDashboard(app.ctx, actorOf(request), request.query),
  );
  r.get(
    "/api/v1/retention/cohorts",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Cohort curves by the month of first subscription, with sizes",
        security: bearer,
        querystring: cohortQuerySchema,
        response: { 200: cohortsSchema, ...withNotFound },
      },
    },
    async (request) => retentionCohorts(app.ctx, actorOf(request), request.query),
  );
  r.get(
    "/api/v1/retention/churned",
    {
      preValidation: manage,
      schema: {
        tags,
        summary: "Customers who churned in the range, each with their last 90 days of support",
        security: bearer,
        querystring: retentionRangeQuerySchema,
        response: { 200: churnedListSchema, ...withNotFound },
      },
    },
    async (request) => churnedCustomers(app.ctx, actorOf(request), request.query),
  );
  // The tracked link in a reply carrying an offer: no login, the token is the only key.
  r.get(
    "/o/:token",
    {
      config: { rateLimit: { max: 60, timeWindow: "1 minute" } },
      schema: {
        tags,
        summary: "Follow an offer's tracked link: records the acceptance and redirects to the offer",
        params: z.strictObject({ token: z.string().max(200) }),
      },
    },
    async (request, reply) => {
      const url = await acceptOffer(app.ctx, request.params.token);
      reply.header("referrer-policy", "no-referrer").header("cache-control", "no-store");
      if (!url)
        return reply.status(404).type("text/plain; charset=utf-8").send("This offer link is not valid.");
      return reply.redirect(url, 302);
    },
  );
}
