import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  createdWebhookSchema,
  deliveryListSchema,
  type WebhookEvent,
  webhookListSchema,
} from "../../../../contracts/webhooks.ts";
import { api, apiParsed } from "../../api/client.ts";

const key = ["webhooks"] as const;

export function useWebhooks() {
  return useQuery({ queryKey: key, queryFn: () => apiParsed(webhookListSchema, "/api/v1/webhooks") });
}

export function useDeliveries(id: string) {
  return useQuery({
    queryKey: [...key, id, "deliveries"],
    queryFn: () => apiParsed(deliveryListSchema, `/api/v1/webhooks/${id}/deliveries`),
    refetchInterval: 10_000,
  });
}

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { url: string; secret?: string; events: WebhookEvent[]; description?: string }) =>
      apiParsed(createdWebhookSchema, "/api/v1/webhooks", { body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/api/v1/webhooks/${id}`, { method: "DELETE" }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}
