import { useQuery } from "@tanstack/react-query";
import {
  customerTrainingSchema,
  lessonSearchResultSchema,
  lessonSuggestionListSchema,
} from "../../../../contracts/academy-support.ts";
import { apiParsed } from "../../api/client.ts";

export const trainingKey = (customerId: string) => ["customer", customerId, "training"] as const;

export function useLessonSearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ["academy", "lessons", q],
    queryFn: () =>
      apiParsed(
        lessonSearchResultSchema,
        `/api/v1/academy/lessons/search?q=${encodeURIComponent(q)}&limit=8`,
      ),
    enabled: enabled && q.trim().length > 0,
    staleTime: 30_000,
  });
}

export function useTraining(customerId: string) {
  return useQuery({
    queryKey: trainingKey(customerId),
    queryFn: () => apiParsed(customerTrainingSchema, `/api/v1/customers/${customerId}/training`),
  });
}

/** A portal lesson link as the composer inserts it; its lesson id is what the server checks. */
const LESSON_LINK = /\/portal\/academy\/courses\/[a-z0-9-]+\?lesson=([0-9a-f-]{36})/g;

/**
 * After a reply is stored: the lessons whose links it carries are recorded as suggested (the
 * server checks each link is in that reply). Notes and replies without lesson links call nothing.
 */
export async function reportSuggestedLessons(caseId: string, messageId: string, body: string) {
  const lessonIds = [...new Set([...body.matchAll(LESSON_LINK)].map((m) => m[1] as string))].slice(0, 10);
  if (lessonIds.length === 0) return;
  await apiParsed(lessonSuggestionListSchema, `/api/v1/cases/${caseId}/lesson-suggestions`, {
    body: { messageId, lessonIds },
  });
}
