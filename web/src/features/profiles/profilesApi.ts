import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type AgentProfileInput,
  agentProfileSchema,
  caseAgentSchema,
  peopleSettingsSchema,
} from "../../../../contracts/profiles.ts";
import { apiParsed } from "../../api/client.ts";

const keys = { mine: ["agent-profile", "me"] as const, settings: ["people-settings"] as const };

export function useMyAgentProfile() {
  return useQuery({
    queryKey: keys.mine,
    queryFn: () => apiParsed(agentProfileSchema, "/api/v1/agents/me/profile"),
  });
}

export function useSaveAgentProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: AgentProfileInput) =>
      apiParsed(agentProfileSchema, "/api/v1/agents/me/profile", { method: "PUT", body: input }),
    onSuccess: (saved) => qc.setQueryData(keys.mine, saved),
  });
}

export function usePeopleSettings() {
  return useQuery({
    queryKey: keys.settings,
    queryFn: () => apiParsed(peopleSettingsSchema, "/api/v1/settings/agents"),
  });
}

export function useSavePeopleSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (agentPersonality: boolean) =>
      apiParsed(peopleSettingsSchema, "/api/v1/settings/agents", {
        method: "PUT",
        body: { agentPersonality },
      }),
    onSuccess: (saved) => qc.setQueryData(keys.settings, saved),
  });
}

/** The agent on a customer's request (portal); the key starts with "portal" so live events refresh it. */
export function useCaseAgent(caseId: string) {
  return useQuery({
    queryKey: ["portal", "agent", caseId],
    queryFn: () => apiParsed(caseAgentSchema, `/api/v1/cases/${encodeURIComponent(caseId)}/agent`),
    retry: false,
  });
}
