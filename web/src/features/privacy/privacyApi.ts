import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  customerErasureStateSchema,
  erasureSchema,
  legalHoldListSchema,
  legalHoldSchema,
  type RetentionPolicy,
  retentionPolicySchema,
  retentionRunListSchema,
  retentionRunSchema,
} from "../../../../contracts/privacy.ts";
import { apiParsed } from "../../api/client.ts";

export function useErasureState(customerId: string) {
  return useQuery({
    queryKey: ["privacy", "erasure", customerId],
    queryFn: () => apiParsed(customerErasureStateSchema, `/api/v1/customers/${customerId}/erasure`),
    // While the job runs, look again every two seconds.
    refetchInterval: (q) => (q.state.data?.erasure?.status === "pending" ? 2000 : false),
  });
}

export function useEraseCustomer(customerId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiParsed(erasureSchema, `/api/v1/customers/${customerId}`, {
        method: "DELETE",
        body: { confirm: true },
      }),
    onSettled: () => qc.invalidateQueries(),
  });
}

export function usePlaceHold() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { customerId?: string; caseId?: string; reason: string }) =>
      apiParsed(legalHoldSchema, "/api/v1/legal-holds", { body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["privacy"] }),
  });
}

export function useReleaseHold() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiParsed(legalHoldSchema, `/api/v1/legal-holds/${id}/release`, { body: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["privacy"] }),
  });
}

export function useLegalHolds() {
  return useQuery({
    queryKey: ["privacy", "holds"],
    queryFn: () => apiParsed(legalHoldListSchema, "/api/v1/legal-holds"),
  });
}

/** The active holds covering one case: on it, or on its customer (the case page's card). */
export function useCaseHolds(caseId: string) {
  return useQuery({
    queryKey: ["privacy", "holds", "case", caseId],
    queryFn: () => apiParsed(legalHoldListSchema, `/api/v1/legal-holds?caseId=${encodeURIComponent(caseId)}`),
  });
}

export function useRetentionPolicy() {
  return useQuery({
    queryKey: ["privacy", "policy"],
    queryFn: () => apiParsed(retentionPolicySchema, "/api/v1/retention-policies"),
  });
}

export function useSaveRetentionPolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (p: RetentionPolicy) =>
      apiParsed(retentionPolicySchema, "/api/v1/retention-policies", { method: "PUT", body: p }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["privacy", "policy"] }),
  });
}

export function useRetentionRuns() {
  return useQuery({
    queryKey: ["privacy", "runs"],
    queryFn: () => apiParsed(retentionRunListSchema, "/api/v1/retention-policies/runs"),
  });
}

export function useRunRetention() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiParsed(retentionRunSchema, "/api/v1/retention-policies/run", { body: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["privacy", "runs"] }),
  });
}
