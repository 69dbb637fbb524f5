import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import {
  audienceSchema,
  type CreateProblem,
  caseProblemListSchema,
  linkedCaseListSchema,
  linkResultSchema,
  type ProblemPatch,
  type ProblemStatus,
  problemDetailSchema,
  problemEventListSchema,
  problemListSchema,
  problemSchema,
  problemUpdateListSchema,
} from "../../../../contracts/problems.ts";
import { api, apiParsed } from "../../api/client.ts";
import { problemsKey } from "./problemsKey.ts";

export type ListStatus = "active" | "all" | ProblemStatus;

export function useProblemList(status: ListStatus, q: string) {
  const params = new URLSearchParams({ status });
  if (q.trim()) params.set("q", q.trim());
  return useQuery({
    queryKey: [...problemsKey, "list", status, q.trim()],
    queryFn: () => apiParsed(problemListSchema, `/api/v1/problems?${params}`),
    placeholderData: (previous) => previous,
  });
}

export function useProblem(id: string) {
  return useQuery({
    queryKey: [...problemsKey, "one", id],
    queryFn: () => apiParsed(problemDetailSchema, `/api/v1/problems/${id}`),
    retry: false,
  });
}

export function useLinkedCases(id: string) {
  return useQuery({
    queryKey: [...problemsKey, "one", id, "cases"],
    queryFn: () => apiParsed(linkedCaseListSchema, `/api/v1/problems/${id}/cases`),
  });
}

export function useProblemEvents(id: string) {
  return useQuery({
    queryKey: [...problemsKey, "one", id, "events"],
    queryFn: () => apiParsed(problemEventListSchema, `/api/v1/problems/${id}/events`),
  });
}

export function useProblemUpdates(id: string) {
  return useQuery({
    queryKey: [...problemsKey, "one", id, "updates"],
    queryFn: () => apiParsed(problemUpdateListSchema, `/api/v1/problems/${id}/updates`),
    // Updates go out in the background: poll while one is still sending.
    refetchInterval: (query) => (query.state.data?.items.some((u) => u.pending > 0) ? 2000 : false),
  });
}

export function fetchAudience(id: string) {
  return apiParsed(audienceSchema, `/api/v1/problems/${id}/audience`);
}

export function useCaseProblems(caseId: string) {
  return useQuery({
    queryKey: [...problemsKey, "case", caseId],
    queryFn: () => apiParsed(caseProblemListSchema, `/api/v1/cases/${caseId}/problems`),
  });
}

// Detection (another module): shapes fixed in issue #14, no zod contract of theirs yet.
export const emergingGroupSchema = z.object({
  key: z.string(),
  kind: z.enum(["signature", "text"]),
  label: z.string(),
  caseCount: z.number(),
  customerCount: z.number(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  sampleCases: z.array(
    z.object({ id: z.string(), number: z.number(), subject: z.string(), customerName: z.string() }),
  ),
  caseIds: z.array(z.string()),
  // Cases whose customer wrote in frustration (conduct assessments, issue #20).
  frustratedCount: z.number().optional().default(0),
});
export type EmergingGroup = z.infer<typeof emergingGroupSchema>;
const emergingListSchema = z.object({ items: z.array(emergingGroupSchema) });

export const suggestionSchema = z.object({
  problemId: z.string(),
  number: z.number(),
  title: z.string(),
  status: z.string(),
  reason: z.string(),
});
export type ProblemSuggestion = z.infer<typeof suggestionSchema>;
const suggestionListSchema = z.object({ items: z.array(suggestionSchema) });

export function useEmerging() {
  return useQuery({
    queryKey: [...problemsKey, "emerging"],
    queryFn: () => apiParsed(emergingListSchema, "/api/v1/problems/emerging"),
  });
}

export function useProblemSuggestions(caseId: string) {
  return useQuery({
    queryKey: [...problemsKey, "case", caseId, "suggestions"],
    queryFn: () => apiParsed(suggestionListSchema, `/api/v1/cases/${caseId}/problem-suggestions`),
    retry: false,
  });
}

/** A write about problems; afterwards every problem query and the cases it touched refetch. */
export function useProblemWrite<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: problemsKey });
      void queryClient.invalidateQueries({ queryKey: ["cases"] });
      void queryClient.invalidateQueries({ queryKey: ["case"] });
      void queryClient.invalidateQueries({ queryKey: ["customer"] });
    },
  });
}

export const createProblem = (input: CreateProblem) =>
  apiParsed(problemSchema, "/api/v1/problems", { body: input });

export const patchProblem = (id: string, patch: ProblemPatch) =>
  apiParsed(problemSchema, `/api/v1/problems/${id}`, { method: "PATCH", body: patch });

export const linkCases = (id: string, input: { caseIds: string[]; wait?: boolean; reason?: string }) =>
  apiParsed(linkResultSchema, `/api/v1/problems/${id}/cases`, { body: input });

export const unlinkCase = (id: string, caseId: string) =>
  api(`/api/v1/problems/${id}/cases/${caseId}`, { method: "DELETE" });

export const linkEscalation = (id: string, escalationId: string) =>
  api(`/api/v1/problems/${id}/escalations`, { body: { escalationId } });

export const unlinkEscalation = (id: string, escalationId: string) =>
  api(`/api/v1/problems/${id}/escalations/${escalationId}`, { method: "DELETE" });

export const sendUpdate = (id: string, input: { body: string; solveWaiting?: boolean }) =>
  apiParsed(z.object({ id: z.string(), audienceCount: z.number() }), `/api/v1/problems/${id}/updates`, {
    body: input,
  });

export const waitOnProblem = (caseId: string, problemId: string | null) =>
  apiParsed(caseProblemListSchema, `/api/v1/cases/${caseId}/waiting-on-problem`, {
    method: "PUT",
    body: { problemId },
  });

export const optOut = (caseId: string, problemId: string) =>
  api(`/api/v1/cases/${caseId}/problems/${problemId}/opt-out`, { body: {} });

// Detection answers { id, number, title, caseIds } (contracts/problem-detection.ts on its
// branch), not a whole Problem: only what the page needs to go to the new problem is read.
export const createFromEmerging = (key: string, title?: string) =>
  apiParsed(
    z.object({ id: z.string(), number: z.number() }),
    `/api/v1/problems/emerging/${encodeURIComponent(key)}/problem`,
    { body: title ? { title } : {} },
  );
