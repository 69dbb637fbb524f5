import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { passkeyListSchema } from "../../../../contracts/passkeys.ts";
import { api, apiParsed } from "../../api/client.ts";

/** Your passkeys (issue #23): Rapport's list and removal, the plugin's client for adding. */
const key = ["me", "passkeys"] as const;

export function usePasskeys() {
  return useQuery({ queryKey: key, queryFn: () => apiParsed(passkeyListSchema, "/api/v1/me/passkeys") });
}

export function useAddPasskey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (name: string) => (await import("./passkeyClient.ts")).registerPasskey(name),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useRemovePasskey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/api/v1/me/passkeys/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}
