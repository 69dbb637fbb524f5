import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  analyticsSchema,
  type Definition,
  exportSchema,
  playbookDetailSchema,
  playbookListSchema,
  portalPlaybookListSchema,
  portalPlaybookSchema,
  runListSchema,
  runSchema,
  runSnapshotListSchema,
} from "../../../../contracts/playbooks.ts";
import { apiParsed } from "../../api/client.ts";

const keys = {
  list: ["playbooks"] as const,
  one: (id: string) => ["playbooks", id] as const,
  analytics: (id: string) => ["playbooks", id, "analytics"] as const,
  // Under ["case", id] so a live case.updated refreshes the panel for every agent on the case.
  caseRuns: (caseId: string) => ["case", caseId, "playbook-runs"] as const,
  run: (id: string) => ["playbook-run", id] as const,
};

export function usePlaybooks(enabled = true) {
  return useQuery({
    queryKey: keys.list,
    queryFn: () => apiParsed(playbookListSchema, "/api/v1/playbooks"),
    enabled,
  });
}

export function usePlaybook(id: string | undefined) {
  return useQuery({
    queryKey: keys.one(id ?? ""),
    queryFn: () => apiParsed(playbookDetailSchema, `/api/v1/playbooks/${encodeURIComponent(id ?? "")}`),
    enabled: id !== undefined,
    retry: false,
  });
}

export function useAnalytics(id: string) {
  return useQuery({
    queryKey: keys.analytics(id),
    queryFn: () => apiParsed(analyticsSchema, `/api/v1/playbooks/${encodeURIComponent(id)}/analytics`),
  });
}

function useSetPlaybook() {
  const qc = useQueryClient();
  return (p: { id: string }) => {
    qc.setQueryData(keys.one(p.id), p);
    void qc.invalidateQueries({ queryKey: keys.list });
  };
}

export function useCreatePlaybook() {
  const set = useSetPlaybook();
  return useMutation({
    mutationFn: (input: { slug: string; definition: Definition }) =>
      apiParsed(playbookDetailSchema, "/api/v1/playbooks", { body: input }),
    onSuccess: set,
  });
}

export function useSaveDraft(id: string) {
  const set = useSetPlaybook();
  return useMutation({
    mutationFn: (definition: Definition) =>
      apiParsed(playbookDetailSchema, `/api/v1/playbooks/${id}/draft`, {
        method: "PUT",
        body: { definition },
      }),
    onSuccess: set,
  });
}

export function usePublish(id: string) {
  const set = useSetPlaybook();
  return useMutation({
    mutationFn: () => apiParsed(playbookDetailSchema, `/api/v1/playbooks/${id}/publish`, { body: {} }),
    onSuccess: set,
  });
}

export function useImport() {
  const set = useSetPlaybook();
  return useMutation({
    mutationFn: (yaml: string) =>
      apiParsed(playbookDetailSchema, "/api/v1/playbooks/import", { body: { yaml } }),
    onSuccess: set,
  });
}

export const exportPlaybook = (id: string) => apiParsed(exportSchema, `/api/v1/playbooks/${id}/export`);

// Runs.

export function useCaseRuns(caseId: string) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: keys.caseRuns(caseId),
    queryFn: async () => {
      const list = await apiParsed(runListSchema, `/api/v1/cases/${caseId}/playbook-runs`);
      // The list refetches on live case events; pass each run on so an open run view follows
      // another agent's answers without a reload.
      for (const run of list.items) qc.setQueryData(keys.run(run.id), run);
      return list;
    },
  });
}

export function useStartCaseRun(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (playbookId: string) =>
      apiParsed(runSchema, `/api/v1/cases/${caseId}/playbook-runs`, { body: { playbookId } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.caseRuns(caseId) }),
  });
}

export function useRun(id: string | undefined) {
  return useQuery({
    queryKey: keys.run(id ?? ""),
    queryFn: () => apiParsed(runSchema, `/api/v1/playbook-runs/${id}`),
    enabled: Boolean(id),
  });
}

export function useRunSnapshots(runId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...keys.run(runId), "snapshots"],
    queryFn: () => apiParsed(runSnapshotListSchema, `/api/v1/playbook-runs/${runId}/snapshots`),
    enabled,
    // A device may send its snapshot any moment while the check is on screen.
    refetchInterval: enabled ? 3000 : false,
  });
}

/** Answer or abandon; the new run state replaces the old wherever it is shown. */
export function useRunAction(runId: string, caseId: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (
      action:
        | { kind: "answer"; stepId: string; choice?: number; snapshotId?: string }
        | { kind: "abandon"; reason?: string },
    ) => {
      const { kind, ...body } = action;
      return apiParsed(runSchema, `/api/v1/playbook-runs/${runId}/${kind}`, { body });
    },
    onSuccess: (run) => {
      qc.setQueryData(keys.run(runId), run);
      if (caseId) void qc.invalidateQueries({ queryKey: keys.caseRuns(caseId) });
    },
    // A stale step (someone else moved on) refreshes to the current state.
    onError: () => {
      void qc.invalidateQueries({ queryKey: keys.run(runId) });
      if (caseId) void qc.invalidateQueries({ queryKey: keys.caseRuns(caseId) });
    },
  });
}

// Portal.

export function usePortalGuides(topic: string | undefined) {
  return useQuery({
    queryKey: ["portal", "guides", topic ?? ""],
    queryFn: () =>
      apiParsed(
        portalPlaybookListSchema,
        `/api/v1/portal/playbooks${topic ? `?topic=${encodeURIComponent(topic)}` : ""}`,
      ),
    enabled: topic === undefined || topic.trim().length >= 3,
  });
}

export function usePortalGuide(slug: string) {
  return useQuery({
    queryKey: ["portal", "guide", slug],
    queryFn: () => apiParsed(portalPlaybookSchema, `/api/v1/portal/playbooks/${encodeURIComponent(slug)}`),
    retry: false,
  });
}

export function useStartPortalRun(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiParsed(runSchema, `/api/v1/portal/playbooks/${encodeURIComponent(slug)}/runs`, { body: {} }),
    onSuccess: (run) => qc.setQueryData(keys.run(run.id), run),
  });
}
