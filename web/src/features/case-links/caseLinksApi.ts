import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { caseLinkListSchema, caseLinkSchema } from "../../../../contracts/case-links.ts";
import { api, apiParsed } from "../../api/client.ts";
import { atRiskKey } from "../at-risk/atRiskApi.ts";

/** The related-cases API as the case page calls it. */
export const caseLinksKey = (caseId: string) => ["case-links", caseId] as const;

export function useCaseLinks(caseId: string) {
  return useQuery({
    queryKey: caseLinksKey(caseId),
    queryFn: () => apiParsed(caseLinkListSchema, `/api/v1/cases/${caseId}/links`),
  });
}

/** A link changes both cases' lists and may make (or unmake) a repeat contact. */
function useRefresh() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ["case-links"] });
    void qc.invalidateQueries({ queryKey: atRiskKey });
  };
}

export function useLinkCase(caseId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (caseNumber: number) =>
      api(`/api/v1/cases/${caseId}/links`, { body: { caseNumber } }).then((r) => caseLinkSchema.parse(r)),
    onSuccess: refresh,
  });
}

export function useUnlinkCase(caseId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (otherId: string) => api(`/api/v1/cases/${caseId}/links/${otherId}`, { method: "DELETE" }),
    onSuccess: refresh,
  });
}
