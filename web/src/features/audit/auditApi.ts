import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { auditPageSchema, auditStreamSchema, auditVerifySchema } from "../../../../contracts/audit.ts";
import { ApiError, api, apiParsed } from "../../api/client.ts";

export type AuditFilters = {
  action: string;
  actor: string;
  subject: string;
  q: string;
  from: string;
  to: string;
};

/** The filters as a query string: empty fields are left out, dates become ISO instants. */
export function filterQuery(f: AuditFilters): string {
  const p = new URLSearchParams();
  for (const key of ["action", "actor", "subject", "q"] as const)
    if (f[key].trim()) p.set(key, f[key].trim());
  if (f.from) p.set("from", new Date(f.from).toISOString());
  if (f.to) p.set("to", new Date(f.to).toISOString());
  return p.toString();
}

export function useAuditLog(f: AuditFilters) {
  const qs = filterQuery(f);
  return useInfiniteQuery({
    queryKey: ["audit", qs],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      apiParsed(
        auditPageSchema,
        `/api/v1/audit?limit=50${qs ? `&${qs}` : ""}${pageParam ? `&cursor=${pageParam}` : ""}`,
      ),
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useVerifyChain() {
  return useMutation({ mutationFn: () => apiParsed(auditVerifySchema, "/api/v1/audit/verify") });
}

/** The stream to a SIEM; null when none is set up (the API answers 404). */
export function useAuditStream() {
  return useQuery({
    queryKey: ["audit-stream"],
    queryFn: async () => {
      try {
        return await apiParsed(auditStreamSchema, "/api/v1/audit/stream");
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
  });
}

export function useAuditStreamActions() {
  const client = useQueryClient();
  const done = () => client.invalidateQueries({ queryKey: ["audit-stream"] });
  return {
    save: useMutation({
      mutationFn: (body: { url: string; enabled: boolean; includeHistory?: boolean; newSecret?: boolean }) =>
        apiParsed(auditStreamSchema, "/api/v1/audit/stream", { method: "PUT", body }),
      onSuccess: done,
    }),
    deliver: useMutation({
      mutationFn: () => apiParsed(auditStreamSchema, "/api/v1/audit/stream/deliver", { method: "POST" }),
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: () => api("/api/v1/audit/stream", { method: "DELETE" }),
      onSuccess: done,
    }),
  };
}
