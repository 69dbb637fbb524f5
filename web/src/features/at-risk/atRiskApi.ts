import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  atRiskPageSchema,
  caseRepeatSchema,
  customerRiskSchema,
  reachOutResultSchema,
} from "../../../../contracts/repeats.ts";
import { api, apiParsed } from "../../api/client.ts";

/** The repeats API (docs/retention-api.md, "Repeats") as the web screens call it. */
export const atRiskKey = ["at-risk"] as const;

export function useAtRiskList(limit: number) {
  return useQuery({
    queryKey: [...atRiskKey, "list", limit],
    queryFn: () => apiParsed(atRiskPageSchema, `/api/v1/customers/at-risk?limit=${limit}`),
  });
}

export function useCustomerRisk(customerId: string) {
  return useQuery({
    queryKey: [...atRiskKey, "customer", customerId],
    queryFn: () => apiParsed(customerRiskSchema, `/api/v1/customers/${customerId}/risk`),
  });
}

export function useCaseRepeat(caseId: string) {
  return useQuery({
    queryKey: [...atRiskKey, "case", caseId],
    queryFn: () => apiParsed(caseRepeatSchema, `/api/v1/cases/${caseId}/repeat`),
  });
}

export function useReachOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { customerId: string; subject: string; note?: string }) =>
      api(`/api/v1/customers/${input.customerId}/reach-out`, {
        body: { subject: input.subject, ...(input.note ? { note: input.note } : {}) },
      }).then((r) => reachOutResultSchema.parse(r)),
    onSuccess: () => qc.invalidateQueries({ queryKey: atRiskKey }),
  });
}
