import { z } from "zod";

/** Routing (issue #18): availability, capacity, preferred agents, dedicated teams, rules. */

export const ROUTING_STRATEGIES = ["round_robin", "least_loaded"] as const;
export const AVAILABILITY = ["available", "away"] as const;

const shortText = z.string().trim().min(1).max(200);

export const routingConditionsSchema = z.strictObject({
  channel: z.string().trim().min(1).max(40).optional(),
  /** An ISO 639-1 code, e.g. "de"; matched against the customer's `language` fact, else the message. */
  language: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{2}$/, "must be a two-letter language code such as de")
    .optional(),
  tag: z.string().trim().min(1).max(60).optional(),
  organization: shortText.optional(),
  /** A device model the customer owns (devices.model), matched case-insensitively. */
  productModel: shortText.optional(),
});
export type RoutingConditions = z.infer<typeof routingConditionsSchema>;

export const routingRuleInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  position: z.number().int().min(0).max(100000).default(0),
  conditions: routingConditionsSchema.default({}),
  teamId: z.uuid(),
  strategy: z.enum(ROUTING_STRATEGIES).default("round_robin"),
});
export const routingRulePatchSchema = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  position: z.number().int().min(0).max(100000).optional(),
  conditions: routingConditionsSchema.optional(),
  teamId: z.uuid().optional(),
  strategy: z.enum(ROUTING_STRATEGIES).optional(),
});
export const routingRuleSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    position: z.number(),
    conditions: routingConditionsSchema,
    teamId: z.uuid(),
    teamName: z.string().nullable(),
    strategy: z.enum(ROUTING_STRATEGIES),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "RoutingRule" });
export const routingRuleListSchema = z.object({ items: z.array(routingRuleSchema) });
export type RoutingRule = z.infer<typeof routingRuleSchema>;

export const availabilityInputSchema = z.strictObject({ status: z.enum(AVAILABILITY) });
export const availabilitySchema = z.object({
  agentId: z.uuid(),
  status: z.enum(AVAILABILITY),
  /** What routing sees now: "away" also when the agent's team calendar is closed. */
  effective: z.enum(AVAILABILITY),
  capacity: z.number().nullable(),
});

/** The admin screen's view: every active staff member, and who customers may pick. */
export const routingAgentSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.string(),
  status: z.enum(AVAILABILITY),
  capacity: z.number().nullable(),
  openCases: z.number(),
  pickable: z.boolean(),
});
export const routingSettingsSchema = z
  .object({
    /** null: customers may pick any active agent. */
    pickableAgentIds: z.array(z.uuid()).nullable(),
    agents: z.array(routingAgentSchema),
  })
  .meta({ id: "RoutingSettings" });
export const routingSettingsInputSchema = z.strictObject({
  pickableAgentIds: z.array(z.uuid()).max(1000).nullable().optional(),
  /** Per member: `{"<membershipId>": {"capacity": n | null}}`. */
  members: z
    .record(z.uuid(), z.strictObject({ capacity: z.number().int().min(1).max(10000).nullable() }))
    .optional(),
});

export const preferredAgentInputSchema = z.strictObject({ agentId: z.uuid().nullable() });
export const dedicatedTeamInputSchema = z.strictObject({ teamId: z.uuid().nullable() });
export const organizationParamSchema = z.strictObject({ name: z.string().trim().min(1).max(200) });

export const customerRoutingSchema = z.object({
  customerId: z.uuid(),
  preferredAgent: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  dedicatedTeam: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** The organization's dedicated team, which applies when the customer has none of their own. */
  organizationTeam: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});
export const organizationRoutingSchema = z.object({
  organization: z.string(),
  dedicatedTeam: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});

/** The portal: the agents a customer may choose, and their current choice. */
export const portalAgentsSchema = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string() })),
  preferredAgentId: z.uuid().nullable(),
});
