import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import {
  type EscalateInput,
  escalationListSchema,
  escalationSchema,
  noteSchema,
  taskListSchema,
  taskSchema,
} from "../../../../contracts/escalations.ts";
import { runListSchema } from "../../../../contracts/playbooks.ts";
import { ApiError, apiParsed } from "../../api/client.ts";
import { escalationsKey } from "./escalationsKey.ts";

export type QueueFilter = "active" | "mine" | "closed";

export function useEscalationQueue(filter: QueueFilter) {
  const query = filter === "mine" ? "?mine=true" : filter === "closed" ? "?status=closed" : "";
  return useQuery({
    queryKey: [...escalationsKey, "queue", filter],
    queryFn: () => apiParsed(escalationListSchema, `/api/v1/escalations${query}`),
  });
}

export function useEscalation(id: string) {
  return useQuery({
    queryKey: [...escalationsKey, "one", id],
    queryFn: () => apiParsed(escalationSchema, `/api/v1/escalations/${id}`),
    retry: false,
  });
}

export function useCaseEscalations(caseId: string) {
  return useQuery({
    queryKey: [...escalationsKey, "case", caseId],
    queryFn: () => apiParsed(escalationListSchema, `/api/v1/cases/${caseId}/escalations`),
  });
}

export function useCaseTasks(caseId: string) {
  return useQuery({
    queryKey: [...escalationsKey, "tasks", caseId],
    queryFn: () => apiParsed(taskListSchema, `/api/v1/cases/${caseId}/tasks`),
  });
}

/**
 * The case's playbook runs, from the playbooks module. Null when this install does not serve
 * them (404), so the page can fall back to the playbook events of the timeline.
 */
export function usePlaybookRuns(caseId: string) {
  return useQuery({
    queryKey: [...escalationsKey, "playbook-runs", caseId],
    queryFn: async () => {
      try {
        return await apiParsed(runListSchema, `/api/v1/cases/${caseId}/playbook-runs`);
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
    retry: false,
  });
}

/** A mutation that refreshes every escalation query and the case it belongs to. */
function useEscalationMutation<I, O>(fn: (input: I) => Promise<O>, caseId?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: escalationsKey });
      if (caseId) void queryClient.invalidateQueries({ queryKey: ["case", caseId] });
    },
  });
}

export const useEscalate = (caseId: string) =>
  useEscalationMutation(
    (input: EscalateInput) =>
      apiParsed(escalationSchema, `/api/v1/cases/${caseId}/escalations`, { body: input }),
    caseId,
  );

export const useClaim = (id: string) =>
  useEscalationMutation(() => apiParsed(escalationSchema, `/api/v1/escalations/${id}/claim`, { body: {} }));

export const useAddNote = (id: string, caseId: string) =>
  useEscalationMutation(
    (body: string) => apiParsed(noteSchema, `/api/v1/escalations/${id}/notes`, { body: { body } }),
    caseId,
  );

export const useAddTask = (id: string, caseId: string) =>
  useEscalationMutation(
    (input: { title: string; detail?: string }) =>
      apiParsed(taskSchema, `/api/v1/escalations/${id}/tasks`, { body: input }),
    caseId,
  );

export const useCompleteTask = (caseId: string) =>
  useEscalationMutation(
    (taskId: string) => apiParsed(taskSchema, `/api/v1/tasks/${taskId}/done`, { body: {} }),
    caseId,
  );

export const useHandBack = (id: string, caseId: string) =>
  useEscalationMutation(
    (findings: string) =>
      apiParsed(escalationSchema, `/api/v1/escalations/${id}/findings`, { body: { findings } }),
    caseId,
  );

export const useCloseEscalation = (id: string, caseId: string) =>
  useEscalationMutation(
    () => apiParsed(escalationSchema, `/api/v1/escalations/${id}/close`, { body: {} }),
    caseId,
  );

export const exportHref = (id: string) => `/api/v1/escalations/${id}/export`;
export const anyList = z.object({ items: z.array(z.unknown()) });
