import { useQueryClient } from "@tanstack/react-query";
import { useRealtimeEvent } from "../realtime/useRealtime.ts";
import { atRiskKey } from "./atRiskApi.ts";

/**
 * Keeps the at-risk screens current without a reload. `customer.risk_changed` (the repeats
 * sweep moved someone on or off the list) refetches the list and that customer's flag. A new
 * case or customer message refetches them too: reading risk runs the workspace's sweep first,
 * so a repeat contact shows at once instead of at the next minute's sweep.
 * `customerId` narrows the flag's refetch to its own customer; the list passes none.
 */
export function useLiveRisk(customerId?: string) {
  const qc = useQueryClient();
  useRealtimeEvent((event) => {
    const about =
      event.type === "customer.risk_changed" || event.type === "case.created" ? event.customerId : undefined;
    const relevant =
      event.type === "customer.risk_changed" ||
      event.type === "case.created" ||
      event.type === "message.added";
    if (!relevant) return;
    if (!customerId) {
      void qc.invalidateQueries({ queryKey: [...atRiskKey, "list"] });
      return;
    }
    // message.added carries no customer id: the flag refetches (one cheap read).
    if (about === undefined || about === customerId)
      void qc.invalidateQueries({ queryKey: [...atRiskKey, "customer", customerId] });
  });
}

/** The case page's repeat badge: the sweep announces a newly recorded repeat as `case.updated`. */
export function useLiveRepeat(caseId: string) {
  const qc = useQueryClient();
  useRealtimeEvent((event) => {
    if (event.type === "case.updated" && event.caseId === caseId)
      void qc.invalidateQueries({ queryKey: [...atRiskKey, "case", caseId] });
  });
}
