import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { memberPageSchema } from "../../../../contracts/accounts.ts";
import {
  type SsoSettingsInput,
  ssoDiscoveryResultSchema,
  ssoPublicStatusSchema,
  ssoSettingsSchema,
} from "../../../../contracts/sso.ts";
import { teamListSchema } from "../../../../contracts/team.ts";
import { api, apiParsed } from "../../api/client.ts";

/** Single sign-on: the public status for the login page, and the admin's settings. */
const key = ["sso", "settings"] as const;

export function useSsoStatus() {
  return useQuery({
    queryKey: ["sso", "status"],
    queryFn: () => apiParsed(ssoPublicStatusSchema, "/api/v1/sso/status"),
    staleTime: 60_000,
  });
}

export function useSsoSettings() {
  return useQuery({ queryKey: key, queryFn: () => apiParsed(ssoSettingsSchema, "/api/v1/sso") });
}

export function useSaveSso() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SsoSettingsInput) =>
      apiParsed(ssoSettingsSchema, "/api/v1/sso", { method: "PUT", body: input }),
    onSuccess: (data) => queryClient.setQueryData(key, data),
  });
}

export function useRemoveSso() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api("/api/v1/sso", { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["sso"] }),
  });
}

export function useTestDiscovery() {
  return useMutation({
    mutationFn: (issuer: string) =>
      apiParsed(ssoDiscoveryResultSchema, "/api/v1/sso/discovery", { body: { issuer } }),
  });
}

/** Choices for the form: the teams and the active admins (break-glass candidates). */
export function useSsoChoices() {
  return useQuery({
    queryKey: ["sso", "choices"],
    queryFn: async () => {
      const [teams, members] = await Promise.all([
        apiParsed(teamListSchema, "/api/v1/teams"),
        apiParsed(memberPageSchema, "/api/v1/members?limit=100"),
      ]);
      return {
        teams: teams.items.map((t) => ({ value: t.id, label: t.name })),
        admins: members.items
          .filter((m) => m.role === "admin" && m.status === "active")
          .map((m) => ({ value: m.id, label: `${m.name || m.email} (${m.email})` })),
      };
    },
  });
}

export const ssoRoles = ["admin", "agent", "engineer", "moderator"] as const;
