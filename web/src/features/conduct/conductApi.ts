import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  appealSchema,
  appealsPageSchema,
  type ConductSettingsView,
  conductReportSchema,
  conductSettingsSchema,
  customerConductSchema,
  reviewQueueSchema,
  stepSchema,
} from "../../../../contracts/conduct.ts";
import { api, apiParsed } from "../../api/client.ts";

/** The conduct API (issue #20) as the manager screens call it. */
const key = ["conduct"] as const;

export const useReviewQueue = () =>
  useQuery({
    queryKey: [...key, "queue"],
    queryFn: () => apiParsed(reviewQueueSchema, "/api/v1/conduct/review-queue"),
  });

export const useCustomerConduct = (id: string) =>
  useQuery({
    queryKey: [...key, "customer", id],
    queryFn: () => apiParsed(customerConductSchema, `/api/v1/customers/${id}/conduct`),
  });

export const useAppeals = () =>
  useQuery({
    queryKey: [...key, "appeals"],
    queryFn: () => apiParsed(appealsPageSchema, "/api/v1/conduct/appeals"),
  });

export const useConductReport = () =>
  useQuery({
    queryKey: [...key, "report"],
    queryFn: () => apiParsed(conductReportSchema, "/api/v1/conduct/reports"),
  });

/** Managers may read it; the nav uses it to know whether to show "Conduct". */
export const useConductSettings = (enabled = true) =>
  useQuery({
    queryKey: [...key, "settings"],
    queryFn: () => apiParsed(conductSettingsSchema, "/api/v1/conduct/settings"),
    retry: false,
    enabled,
  });

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: key });
}

export function useTakeStep(customerId: string) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api(`/api/v1/customers/${customerId}/conduct/steps`, { body }).then((r) =>
        stepSchema.passthrough().parse(r),
      ),
    onSuccess: done,
  });
}

export function useLiftStep() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (input: { stepId: string; reason: string }) =>
      api(`/api/v1/conduct/steps/${input.stepId}/lift`, { body: { reason: input.reason } }),
    onSuccess: done,
  });
}

export function useDecideAppeal() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (input: { id: string; outcome: "upheld" | "overturned"; response: string }) =>
      api(`/api/v1/conduct/appeals/${input.id}/decision`, {
        body: { outcome: input.outcome, response: input.response },
      }).then((r) => appealSchema.parse(r)),
    onSuccess: done,
  });
}

export function useSaveConductSettings() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: ConductSettingsView) =>
      api("/api/v1/conduct/settings", { method: "PUT", body }).then((r) => conductSettingsSchema.parse(r)),
    onSuccess: done,
  });
}
