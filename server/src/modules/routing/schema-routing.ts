import type { ColumnType, Generated } from "kysely";
import type { RoutingConditions } from "../../../../contracts/routing.ts";
import type { Timestamp } from "../../platform/db/schema.ts";

/** Kysely's view of the routing tables (migration 0040). Keep in step with the SQL. */
type Json<T> = ColumnType<T, string | undefined, string>;

export interface RoutingAgentsTable {
  membership_id: string;
  workspace_id: string;
  status: Generated<"available" | "away">;
  capacity: number | null;
  updated_at: Timestamp;
}

export interface RoutingSettingsTable {
  workspace_id: string;
  /** null: customers may pick any active agent. */
  pickable_agent_ids: string[] | null;
  updated_at: Timestamp;
}

export interface CustomerRoutingTable {
  customer_id: string;
  workspace_id: string;
  preferred_agent_id: string | null;
  dedicated_team_id: string | null;
  updated_at: Timestamp;
}

export interface OrganizationRoutingTable {
  workspace_id: string;
  organization: string;
  dedicated_team_id: string;
  updated_at: Timestamp;
}

export interface RoutingRulesTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  position: number;
  conditions: Json<RoutingConditions>;
  team_id: string;
  strategy: "round_robin" | "least_loaded";
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Each agent's open cases, kept by triggers on cases (migration 0051); never written by code. */
export interface AgentOpenLoadsTable {
  workspace_id: string;
  membership_id: string;
  open: number;
}

export interface RoutingTables {
  agent_open_loads: AgentOpenLoadsTable;
  routing_agents: RoutingAgentsTable;
  routing_settings: RoutingSettingsTable;
  customer_routing: CustomerRoutingTable;
  organization_routing: OrganizationRoutingTable;
  routing_rules: RoutingRulesTable;
}
export type RoutingTenantTable =
  | "agent_open_loads"
  | "routing_agents"
  | "routing_settings"
  | "customer_routing"
  | "organization_routing"
  | "routing_rules";
