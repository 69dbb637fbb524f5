import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { recommendedLessonSchema } from "../../../../contracts/academy-support.ts";
import { api, apiParsed } from "../../api/client.ts";
import { trainingKey } from "./academySupportApi.ts";

/**
 * The academy's staff actions that only exist as API otherwise (issue #21): revoking a
 * certificate from the customer panel, and the lesson an article or an outcome step recommends.
 */

export function useRevokeCertificate(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { certificateId: string; reason: string }) =>
      api(`/api/v1/academy/certificates/${input.certificateId}/revoke`, { body: { reason: input.reason } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trainingKey(customerId) }),
  });
}

/** Where a recommendation hangs: a help article, or one outcome step of a playbook. */
export type RecommendationTarget =
  | { kind: "article"; articleId: string }
  | { kind: "outcome"; playbookId: string; stepId: string };

export function recommendationPath(t: RecommendationTarget) {
  return t.kind === "article"
    ? `/api/v1/academy/recommendations/articles/${t.articleId}`
    : `/api/v1/academy/recommendations/playbooks/${t.playbookId}/outcomes/${encodeURIComponent(t.stepId)}`;
}

/** The same key RecommendedLessonNote reads a playbook outcome's lesson under, so a change shows there too. */
export function recommendationKey(t: RecommendationTarget) {
  return t.kind === "article"
    ? (["academy", "recommended", "article", t.articleId] as const)
    : (["academy", "recommended", t.playbookId, t.stepId] as const);
}

export function useRecommendation(t: RecommendationTarget) {
  return useQuery({
    queryKey: recommendationKey(t),
    queryFn: () => apiParsed(recommendedLessonSchema, recommendationPath(t)),
    retry: false,
  });
}

export function useSetRecommendation(t: RecommendationTarget) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (lessonId: string | null) =>
      lessonId === null
        ? api(recommendationPath(t), { method: "DELETE" })
        : apiParsed(recommendedLessonSchema, recommendationPath(t), { method: "PUT", body: { lessonId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recommendationKey(t) }),
  });
}
