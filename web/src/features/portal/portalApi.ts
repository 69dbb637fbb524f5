import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { casePageSchema, caseSchema, messagePageSchema, messageSchema } from "../../../../contracts/cases.ts";
import { type PortalProfile, portalProfileSchema } from "../../../../contracts/customers.ts";
import { apiParsed } from "../../api/client.ts";

export { type PortalProfile, portalProfileSchema };

export type NewAttachment = { name: string; contentType: string; dataBase64: string };

// Every portal query key starts with "portal" so one live event can refresh them all.
export const portalKeys = {
  all: ["portal"] as const,
  requests: ["portal", "requests"] as const,
  request: (id: string) => ["portal", "request", id] as const,
  messages: (id: string) => ["portal", "messages", id] as const,
  profile: ["portal", "profile"] as const,
};

export function useMyRequests() {
  return useQuery({
    queryKey: portalKeys.requests,
    queryFn: () => apiParsed(casePageSchema, "/api/v1/cases?status=all&limit=100"),
  });
}

export function useRequest(id: string) {
  return useQuery({
    queryKey: portalKeys.request(id),
    queryFn: () => apiParsed(caseSchema, `/api/v1/cases/${encodeURIComponent(id)}`),
    retry: false,
  });
}

export function useRequestMessages(id: string) {
  return useQuery({
    queryKey: portalKeys.messages(id),
    queryFn: () => apiParsed(messagePageSchema, `/api/v1/cases/${encodeURIComponent(id)}/messages?limit=100`),
  });
}

export function usePortalProfile(enabled = true) {
  return useQuery({
    queryKey: portalKeys.profile,
    queryFn: () => apiParsed(portalProfileSchema, "/api/v1/portal/profile"),
    enabled,
  });
}

export function useSendMessage(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { body: string; attachments: NewAttachment[] }) =>
      apiParsed(messageSchema, `/api/v1/cases/${encodeURIComponent(caseId)}/messages`, {
        body: input.attachments.length > 0 ? input : { body: input.body },
      }),
    // Writing on a solved request reopens it, so the status changes too.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: portalKeys.all }),
  });
}

export function useCreateRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { subject: string; message: string; articleId?: string; helpSessionId?: string }) =>
      apiParsed(caseSchema, "/api/v1/cases", { body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: portalKeys.requests }),
  });
}
