import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type CustomerExport,
  customerExportListSchema,
  customerExportSchema,
} from "../../../../contracts/customer-export.ts";
import { apiParsed } from "../../api/client.ts";

/** Where a panel reads and starts exports: an admin on a customer, or the customer themself. */
export type ExportTarget = { kind: "staff"; customerId: string } | { kind: "portal" };

const paths = (t: ExportTarget) =>
  t.kind === "staff"
    ? { list: `/api/v1/customers/${t.customerId}/exports`, start: `/api/v1/customers/${t.customerId}/export` }
    : { list: "/api/v1/portal/exports", start: "/api/v1/portal/export" };

const keyOf = (t: ExportTarget) => ["data-exports", t.kind === "staff" ? t.customerId : "me"] as const;
const inFlight = (items: CustomerExport[]) =>
  items.some((e) => e.status === "queued" || e.status === "running");

/** The exports, polled every 2 s while one is being prepared, so the link appears by itself. */
export const useExports = (t: ExportTarget) =>
  useQuery({
    queryKey: keyOf(t),
    queryFn: () => apiParsed(customerExportListSchema, paths(t).list),
    refetchInterval: (q) => (inFlight(q.state.data?.items ?? []) ? 2000 : false),
  });

export function useStartExport(t: ExportTarget) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiParsed(customerExportSchema, paths(t).start, { method: "POST", body: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keyOf(t) }),
  });
}
