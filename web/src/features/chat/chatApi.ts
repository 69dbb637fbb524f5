import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { caseSchema } from "../../../../contracts/cases.ts";
import { chatAgentListSchema } from "../../../../contracts/chat-agents.ts";
import { problemListSchema } from "../../../../contracts/problems.ts";
import { businessHoursListSchema } from "../../../../contracts/sla.ts";
import {
  caseChatSchema,
  chatCapacitySchema,
  chatIdentitySecretSchema,
  type chatTransferInputSchema,
  type chatWidgetPatchSchema,
  chatWidgetSettingsSchema,
  type proactiveInputSchema,
  proactiveListSchema,
  proactiveMessageSchema,
  type proactivePatchSchema,
} from "../../../../contracts/widget.ts";
import { api, apiParsed } from "../../api/client.ts";

export const chatKey = ["chat"] as const;
export const caseChatKey = (caseId: string) => ["case", caseId, "chat"] as const;

/** The chat beside a case (widget-server's GET /cases/:id/chat). */
export function useCaseChat(caseId: string) {
  return useQuery({
    queryKey: caseChatKey(caseId),
    queryFn: () => apiParsed(caseChatSchema, `/api/v1/cases/${caseId}/chat`),
  });
}

export const sendTyping = (caseId: string, typing: boolean) =>
  api(`/api/v1/cases/${caseId}/chat/typing`, { body: { typing } });
export const markRead = (caseId: string) => api(`/api/v1/cases/${caseId}/chat/read`, { body: {} });

export type TransferInput = z.input<typeof chatTransferInputSchema>;

export function useTransfer(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TransferInput) =>
      apiParsed(caseSchema, `/api/v1/cases/${caseId}/chat/transfer`, { body: input }),
    onSuccess: (updated) => {
      queryClient.setQueryData(["case", caseId], updated);
      void queryClient.invalidateQueries({ queryKey: ["case", caseId] });
      void queryClient.invalidateQueries({ queryKey: ["cases"] });
    },
  });
}

// ---- capacity -----------------------------------------------------------------------------

export function useMyCapacity() {
  return useQuery({
    queryKey: [...chatKey, "capacity"],
    queryFn: () => apiParsed(chatCapacitySchema, "/api/v1/chat/capacity"),
  });
}

export function useSetMyCapacity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (capacity: number) =>
      apiParsed(chatCapacitySchema, "/api/v1/chat/capacity", { method: "PUT", body: { capacity } }),
    onSuccess: (saved) => queryClient.setQueryData([...chatKey, "capacity"], saved),
  });
}

/** Every agent's chats and capacity: admins and team leads only (others get 403). */
export function useChatAgents(enabled = true) {
  return useQuery({
    queryKey: [...chatKey, "agents"],
    queryFn: () => apiParsed(chatAgentListSchema, "/api/v1/chat/agents"),
    enabled,
    retry: false,
  });
}

export function useSetAgentCapacity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; capacity: number }) =>
      api(`/api/v1/chat/agents/${v.id}/capacity`, { method: "PUT", body: { capacity: v.capacity } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...chatKey, "agents"] }),
  });
}

// ---- the widget's settings ------------------------------------------------------------------

export function useWidgetSettings() {
  return useQuery({
    queryKey: [...chatKey, "widget"],
    queryFn: () => apiParsed(chatWidgetSettingsSchema, "/api/v1/chat/widget"),
  });
}

export function useSaveWidget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: z.input<typeof chatWidgetPatchSchema>) =>
      apiParsed(chatWidgetSettingsSchema, "/api/v1/chat/widget", { method: "PATCH", body: patch }),
    onSuccess: (saved) => queryClient.setQueryData([...chatKey, "widget"], saved),
  });
}

/** The secret is fetched only when an admin asks to see it, and never cached. */
export const revealSecret = () => apiParsed(chatIdentitySecretSchema, "/api/v1/chat/widget/identity-secret");
export const rotateSecret = () =>
  apiParsed(chatIdentitySecretSchema, "/api/v1/chat/widget/identity-secret", { body: {} });

export function useCalendars() {
  return useQuery({
    queryKey: ["business-hours"],
    queryFn: () => apiParsed(businessHoursListSchema, "/api/v1/business-hours"),
  });
}

// ---- proactive messages ---------------------------------------------------------------------

const proactiveKey = [...chatKey, "proactive"] as const;

export function useProactive() {
  return useQuery({
    queryKey: proactiveKey,
    queryFn: () => apiParsed(proactiveListSchema, "/api/v1/chat/proactive"),
  });
}

export function useSaveProactive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: {
      id: string | null;
      body: z.input<typeof proactiveInputSchema> | z.input<typeof proactivePatchSchema>;
    }) =>
      apiParsed(proactiveMessageSchema, v.id ? `/api/v1/chat/proactive/${v.id}` : "/api/v1/chat/proactive", {
        method: v.id ? "PATCH" : "POST",
        body: v.body,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: proactiveKey }),
  });
}

export function useDeleteProactive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/api/v1/chat/proactive/${id}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: proactiveKey }),
  });
}

/** Problems still open, for the 'affected' audience's picker. */
export function useOpenProblems(enabled: boolean) {
  return useQuery({
    queryKey: ["problems", "list", "active", ""],
    queryFn: () => apiParsed(problemListSchema, "/api/v1/problems?status=active"),
    enabled,
  });
}
