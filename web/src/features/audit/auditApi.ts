import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { auditPageSchema, auditVerifySchema } from "../../../../contracts/audit.ts";
import { apiParsed } from "../../api/client.ts";

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
