import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import {
  channelCreatedSchema,
  channelDeliveryListSchema,
  channelDeliverySchema,
  channelListSchema,
  channelSchema,
} from "../../../../contracts/channels.ts";
import { api, apiParsed } from "../../api/client.ts";

const key = ["channels"] as const;
type Settings = Record<string, string>;
export type ChannelInput = {
  name: string;
  kind: "messaging" | "sms";
  outboundUrl?: string;
  settings?: Settings;
};
export type ChannelPatch = {
  name?: string;
  outboundUrl?: string | null;
  enabled?: boolean;
  settings?: Settings;
};

export function useChannels() {
  return useQuery({ queryKey: key, queryFn: () => apiParsed(channelListSchema, "/api/v1/channels") });
}

export function useCreateChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput) => apiParsed(channelCreatedSchema, "/api/v1/channels", { body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useUpdateChannel(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ChannelPatch) =>
      apiParsed(channelSchema, `/api/v1/channels/${id}`, { method: "PATCH", body: patch }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useRotateChannel(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiParsed(channelCreatedSchema, `/api/v1/channels/${id}/rotate`, { method: "POST" }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useDeleteChannel(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api(`/api/v1/channels/${id}`, { method: "DELETE" }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}

/** A case's channel deliveries; polled while one is on its way, so "Sending…" turns into "Sent". */
export function useCaseDeliveries(caseId: string) {
  return useQuery({
    queryKey: ["channel-deliveries", caseId],
    queryFn: () => apiParsed(channelDeliveryListSchema, `/api/v1/cases/${caseId}/channel-deliveries`),
    refetchInterval: (q) => (q.state.data?.items.some((d) => d.status === "queued") ? 1500 : false),
  });
}

export function useRetryDelivery(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) =>
      apiParsed(channelDeliverySchema, `/api/v1/channels/messages/${messageId}/retry`, { method: "POST" }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["channel-deliveries", caseId] }),
  });
}

/**
 * The part of GET /api/v1/calls/{id} (contracts/context.ts callSchema) this feature reads; not
 * imported from there, since that module brings the whole customer context into shared chunks.
 */
const callTranscriptSchema = z.object({
  recordingUrl: z.string().nullable(),
  transcript: z.string().nullable(),
});

export function useCall(callId: string, enabled: boolean) {
  return useQuery({
    queryKey: ["call", callId],
    queryFn: () => apiParsed(callTranscriptSchema, `/api/v1/calls/${callId}`),
    enabled,
  });
}
