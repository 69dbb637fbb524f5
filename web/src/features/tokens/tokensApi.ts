import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createdTokenSchema, tokenPageSchema } from "../../../../contracts/accounts.ts";
import { api, apiParsed } from "../../api/client.ts";

const key = ["tokens"] as const;

export function useTokens() {
  return useQuery({ queryKey: key, queryFn: () => apiParsed(tokenPageSchema, "/api/v1/tokens?limit=100") });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => apiParsed(createdTokenSchema, "/api/v1/tokens", { body: { name } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/api/v1/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
