import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  assessmentSchema,
  caseAssessmentsSchema,
  conductPreferencesSchema,
  handToLeadResultSchema,
  type MessageAssessment,
} from "../../../../contracts/conduct-assess.ts";
import { api, apiParsed } from "../../api/client.ts";

/** The conduct assessment API (docs/conduct-api.md) as the case page calls it. */
export const assessmentsKey = (caseId: string) => ["conduct-assessments", caseId] as const;
const prefsKey = ["conduct-preferences"] as const;

export function useCaseAssessments(caseId: string) {
  return useQuery({
    queryKey: assessmentsKey(caseId),
    queryFn: async () => {
      const page = await apiParsed(caseAssessmentsSchema, `/api/v1/cases/${caseId}/message-assessments`);
      const byMessage = new Map<string, MessageAssessment>();
      for (const item of page.items) byMessage.set(item.messageId, item.assessment);
      return { byMessage, maskAbuse: page.maskAbuse };
    },
  });
}

export function useSetVerdict(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { messageId: string; verdict: "abusive" | "not_abusive" }) =>
      apiParsed(assessmentSchema, `/api/v1/messages/${input.messageId}/abuse`, {
        body: { verdict: input.verdict },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: assessmentsKey(caseId) });
      void queryClient.invalidateQueries({ queryKey: ["case", caseId] });
    },
  });
}

export function recordReveal(messageId: string) {
  return api(`/api/v1/messages/${messageId}/reveal`, { body: {} });
}

export function useHandToLead(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiParsed(handToLeadResultSchema, `/api/v1/cases/${caseId}/hand-to-lead`, { body: {} }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["case", caseId] });
      void queryClient.invalidateQueries({ queryKey: ["cases"] });
    },
  });
}

export function useConductPreferences() {
  return useQuery({
    queryKey: prefsKey,
    queryFn: () => apiParsed(conductPreferencesSchema, "/api/v1/me/conduct-preferences"),
  });
}

export function useSaveConductPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (maskAbuse: boolean) =>
      apiParsed(conductPreferencesSchema, "/api/v1/me/conduct-preferences", {
        method: "PUT",
        body: { maskAbuse },
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(prefsKey, data);
      void queryClient.invalidateQueries({ queryKey: ["conduct-assessments"] });
    },
  });
}
