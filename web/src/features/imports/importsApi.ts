import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type ImportRun,
  type ImportSyncInput,
  importRunListSchema,
  importRunSchema,
  importSkipPageSchema,
  type ResumeImport,
  type StartZendeskImport,
} from "../../../../contracts/imports.ts";
import { apiParsed } from "../../api/client.ts";

const live = (run: ImportRun | undefined) => run?.status === "queued" || run?.status === "running";

export function useImportRuns() {
  return useQuery({
    queryKey: ["imports"],
    queryFn: () => apiParsed(importRunListSchema, "/api/v1/imports"),
    // The history's newest row changes while it runs; the selected run is polled faster below.
    refetchInterval: (q) => (q.state.data?.items.some((r) => live(r)) ? 5000 : false),
  });
}

/** One run, polled every second while it is queued or running (the live progress view). */
export function useImportRun(id: string | null) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: ["imports", "run", id],
    enabled: id !== null,
    queryFn: async () => {
      const run = await apiParsed(importRunSchema, `/api/v1/imports/${id}`);
      // The history shows the run's status too: refresh it when this one ends.
      if (!live(run)) void qc.invalidateQueries({ queryKey: ["imports"], exact: true });
      return run;
    },
    // Every second while it runs; every half minute while its account is kept in sync, so the
    // last and next sync stay current.
    refetchInterval: (q) => (live(q.state.data) ? 1000 : q.state.data?.sync ? 30_000 : false),
  });
}

export function useImportSkips(id: string) {
  return useInfiniteQuery({
    queryKey: ["imports", "skips", id],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      apiParsed(
        importSkipPageSchema,
        `/api/v1/imports/${id}/skips?limit=50${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useStartImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: StartZendeskImport) =>
      apiParsed(importRunSchema, "/api/v1/imports/zendesk", { body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["imports"] }),
  });
}

export function useCancelImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiParsed(importRunSchema, `/api/v1/imports/${id}/cancel`, { body: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["imports"] }),
  });
}

export function useResumeImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string } & ResumeImport) =>
      apiParsed(importRunSchema, `/api/v1/imports/${input.id}/resume`, {
        body: { email: input.email, token: input.token },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["imports"] }),
  });
}

/** Keep a finished import's account in sync (or change the interval and credentials). */
export function useEnableSync() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string } & ImportSyncInput) =>
      apiParsed(importRunSchema, `/api/v1/imports/${input.id}/sync`, {
        method: "PUT",
        body: { everyMinutes: input.everyMinutes, email: input.email, token: input.token },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["imports"] }),
  });
}

export function useDisableSync() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiParsed(importRunSchema, `/api/v1/imports/${id}/sync`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["imports"] }),
  });
}
