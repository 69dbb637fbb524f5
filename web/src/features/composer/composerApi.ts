import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { forwardSchema, replyDefaultsSchema, signatureSchema } from "../../../../contracts/composer.ts";
import { apiParsed } from "../../api/client.ts";

const signatureKey = ["me", "signature"] as const;

export function useSignature(enabled = true) {
  return useQuery({
    queryKey: signatureKey,
    queryFn: () => apiParsed(signatureSchema, "/api/v1/me/signature"),
    enabled,
  });
}

export function useSaveSignature() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      apiParsed(signatureSchema, "/api/v1/me/signature", { method: "PUT", body: { body } }),
    onSuccess: (saved) => queryClient.setQueryData(signatureKey, saved),
  });
}

/** The case's last CC/BCC, offered again in the composer. */
export function useReplyDefaults(caseId: string) {
  return useQuery({
    queryKey: ["case", caseId, "reply-defaults"],
    queryFn: () => apiParsed(replyDefaultsSchema, `/api/v1/cases/${caseId}/reply-defaults`),
  });
}

export function useForward(caseId: string, messageId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { to: string; note?: string }) =>
      apiParsed(forwardSchema, `/api/v1/cases/${caseId}/messages/${messageId}/forward`, { body: input }),
    // The forward is a new line on the case's activity.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["case", caseId] }),
  });
}
