import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  customerRoutingSchema,
  portalAgentsSchema,
  type RoutingConditions,
  routingRuleListSchema,
  routingSettingsSchema,
} from "../../../../contracts/routing.ts";
import { api, apiParsed } from "../../api/client.ts";

/** The routing API (docs/agents-api.md, "Routing") as the web screens call it. */
export const routingKey = ["routing"] as const;

export type RuleInput = {
  name: string;
  position: number;
  conditions: RoutingConditions;
  teamId: string;
  strategy: "round_robin" | "least_loaded";
};

export function useRules() {
  return useQuery({
    queryKey: [...routingKey, "rules"],
    queryFn: () => apiParsed(routingRuleListSchema, "/api/v1/routing-rules"),
  });
}

export function useRoutingSettings() {
  return useQuery({
    queryKey: [...routingKey, "settings"],
    queryFn: () => apiParsed(routingSettingsSchema, "/api/v1/routing-settings"),
  });
}

/** Any routing change: refetch everything routing shows. */
export function useRoutingMutation<T>(fn: (input: T) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: routingKey }) });
}

export const saveRule = (input: RuleInput & { id?: string | undefined }) => {
  const { id, ...body } = input;
  return id
    ? api(`/api/v1/routing-rules/${id}`, { method: "PATCH", body })
    : api("/api/v1/routing-rules", { method: "POST", body });
};
export const deleteRule = (id: string) => api(`/api/v1/routing-rules/${id}`, { method: "DELETE" });
export const saveSettings = (body: {
  pickableAgentIds?: string[] | null;
  members?: Record<string, { capacity: number | null }>;
}) => api("/api/v1/routing-settings", { method: "PUT", body });

export function useCustomerRouting(customerId: string) {
  return useQuery({
    queryKey: [...routingKey, "customer", customerId],
    queryFn: () => apiParsed(customerRoutingSchema, `/api/v1/customers/${customerId}/routing`),
  });
}
export const setPreferredAgent = (customerId: string, agentId: string | null) =>
  api(`/api/v1/customers/${customerId}/preferred-agent`, { method: "PUT", body: { agentId } });
export const setDedicatedTeam = (customerId: string, teamId: string | null) =>
  api(`/api/v1/customers/${customerId}/dedicated-team`, { method: "PUT", body: { teamId } });

export function usePortalAgents() {
  return useQuery({
    queryKey: [...routingKey, "portal"],
    queryFn: () => apiParsed(portalAgentsSchema, "/api/v1/portal/agents"),
  });
}
export const pickMyAgent = (agentId: string | null) =>
  api("/api/v1/portal/preferred-agent", { method: "PUT", body: { agentId } });
