import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idParamSchema } from "../../../../contracts/common.ts";
import {
  availabilityInputSchema,
  availabilitySchema,
  customerRoutingSchema,
  dedicatedTeamInputSchema,
  organizationParamSchema,
  organizationRoutingSchema,
  portalAgentsSchema,
  preferredAgentInputSchema,
  routingRuleInputSchema,
  routingRuleListSchema,
  routingRulePatchSchema,
  routingRuleSchema,
  routingSettingsInputSchema,
  routingSettingsSchema,
} from "../../../../contracts/routing.ts";
import { actorOf, requireActor } from "../../platform/http/authenticate.ts";
import { bearer, router, withNotFound } from "../../platform/http/route-kit.ts";
import {
  getCustomerRouting,
  pickPreferredAgent,
  portalAgents,
  setDedicatedTeam,
  setOrganizationDedicatedTeam,
  setPreferredAgent,
} from "./customers-routing.service.ts";
import {
  availabilityOf,
  createRule,
  deleteRule,
  getRules,
  getSettings,
  putSettings,
  setAvailability,
  updateRule,
} from "./routing.service.ts";

const tags = ["Routing"];
const staff = requireActor("cases.read");
const admin = requireActor("team.manage");
const customerWrite = requireActor("customers.write");
const portal = requireActor("portal.use");

/**
 * One route's options: who may call it and how OpenAPI describes it. Every route here needs a
 * signed-in caller and names what it cannot find, so all share the bearer security, the error
 * responses and the tag.
 */
function route<S extends { response: object }>(
  preValidation: typeof staff,
  summary: string,
  schema: S,
  routeTags = tags,
) {
  const response = { ...schema.response, ...withNotFound };
  return { preValidation, schema: { tags: routeTags, summary, security: bearer, ...schema, response } };
}

/** Routing (issue #18): rules, settings, availability, preferred agents, dedicated teams. */
export function routingRoutes(app: FastifyInstance) {
  const r = router(app);
  const ctx = app.ctx;

  r.get(
    "/api/v1/routing-rules",
    route(staff, "Routing rules, in order", { response: { 200: routingRuleListSchema } }),
    async (request) => getRules(ctx, actorOf(request)),
  );
  r.post(
    "/api/v1/routing-rules",
    route(admin, "Add a routing rule", {
      body: routingRuleInputSchema,
      response: { 201: routingRuleSchema },
    }),
    async (request, reply) => reply.status(201).send(await createRule(ctx, actorOf(request), request.body)),
  );
  r.patch(
    "/api/v1/routing-rules/:id",
    route(admin, "Change a routing rule", {
      params: idParamSchema,
      body: routingRulePatchSchema,
      response: { 200: routingRuleSchema },
    }),
    async (request) => updateRule(ctx, actorOf(request), request.params.id, request.body),
  );
  r.delete(
    "/api/v1/routing-rules/:id",
    route(admin, "Remove a routing rule", { params: idParamSchema, response: { 204: z.null() } }),
    async (request, reply) => {
      await deleteRule(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    "/api/v1/routing-settings",
    route(admin, "Agents' capacities and who customers may pick", {
      response: { 200: routingSettingsSchema },
    }),
    async (request) => getSettings(ctx, actorOf(request)),
  );
  r.put(
    "/api/v1/routing-settings",
    route(admin, "Set capacities and who customers may pick", {
      body: routingSettingsInputSchema,
      response: { 200: routingSettingsSchema },
    }),
    async (request) => putSettings(ctx, actorOf(request), request.body),
  );

  r.get(
    "/api/v1/agents/:id/availability",
    route(staff, "An agent's availability as routing sees it", {
      params: idParamSchema,
      response: { 200: availabilitySchema },
    }),
    async (request) => availabilityOf(ctx, actorOf(request), request.params.id),
  );
  r.put(
    "/api/v1/agents/:id/availability",
    route(staff, "Set an agent's availability (their own, or anyone's for admins)", {
      params: idParamSchema,
      body: availabilityInputSchema,
      response: { 200: availabilitySchema },
    }),
    async (request) => setAvailability(ctx, actorOf(request), request.params.id, request.body.status),
  );

  // The app's user menu knows the signed-in person, not their membership id: "me" routes.
  r.get(
    "/api/v1/me/availability",
    route(staff, "My availability", { response: { 200: availabilitySchema } }),
    async (request) => availabilityOf(ctx, actorOf(request), actorOf(request).membershipId),
  );
  r.put(
    "/api/v1/me/availability",
    route(staff, "Set my availability", {
      body: availabilityInputSchema,
      response: { 200: availabilitySchema },
    }),
    async (request) =>
      setAvailability(ctx, actorOf(request), actorOf(request).membershipId, request.body.status),
  );

  r.get(
    "/api/v1/customers/:id/routing",
    route(staff, "A customer's preferred agent and dedicated teams", {
      params: idParamSchema,
      response: { 200: customerRoutingSchema },
    }),
    async (request) => getCustomerRouting(ctx, actorOf(request), request.params.id),
  );
  r.put(
    "/api/v1/customers/:id/preferred-agent",
    route(customerWrite, "Set a customer's preferred agent", {
      params: idParamSchema,
      body: preferredAgentInputSchema,
      response: { 200: customerRoutingSchema },
    }),
    async (request) => setPreferredAgent(ctx, actorOf(request), request.params.id, request.body.agentId),
  );
  r.put(
    "/api/v1/customers/:id/dedicated-team",
    route(customerWrite, "Set a customer's dedicated team", {
      params: idParamSchema,
      body: dedicatedTeamInputSchema,
      response: { 200: customerRoutingSchema },
    }),
    async (request) => setDedicatedTeam(ctx, actorOf(request), request.params.id, request.body.teamId),
  );
  r.put(
    "/api/v1/organizations/:name/dedicated-team",
    route(customerWrite, "Set an organization's dedicated team", {
      params: organizationParamSchema,
      body: dedicatedTeamInputSchema,
      response: { 200: organizationRoutingSchema },
    }),
    async (request) =>
      setOrganizationDedicatedTeam(ctx, actorOf(request), request.params.name, request.body.teamId),
  );

  r.get(
    "/api/v1/portal/agents",
    route(
      portal,
      "The agents the customer may choose, and their choice",
      { response: { 200: portalAgentsSchema } },
      ["Portal"],
    ),
    async (request) => portalAgents(ctx, actorOf(request)),
  );
  r.put(
    "/api/v1/portal/preferred-agent",
    route(
      portal,
      "Choose (or clear) my preferred agent",
      { body: preferredAgentInputSchema, response: { 200: portalAgentsSchema } },
      ["Portal"],
    ),
    async (request) => pickPreferredAgent(ctx, actorOf(request), request.body.agentId),
  );
}
