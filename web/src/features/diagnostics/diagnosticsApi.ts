import { useMutation, useQuery } from "@tanstack/react-query";
import {
  diagnosticCodeSchema,
  diffSchema,
  seriesSchema,
  snapshotDetailSchema,
  snapshotPageSchema,
} from "../../../../contracts/diagnostics.ts";
import { apiParsed } from "../../api/client.ts";

// Every query about one device's diagnostics starts with this key.
export const deviceDiagnosticsKey = (deviceId: string) => ["device-diagnostics", deviceId] as const;

/** The device's snapshots, newest first (the latest 100). */
export function useDeviceSnapshots(deviceId: string) {
  return useQuery({
    queryKey: [...deviceDiagnosticsKey(deviceId), "history"],
    queryFn: () => apiParsed(snapshotPageSchema, `/api/v1/devices/${deviceId}/diagnostics?limit=100`),
  });
}

export function useSnapshot(id: string | undefined) {
  return useQuery({
    queryKey: ["diagnostic", id ?? ""],
    queryFn: () => apiParsed(snapshotDetailSchema, `/api/v1/diagnostics/${id}`),
    enabled: Boolean(id),
  });
}

/** What changed from `against` (or the previous snapshot of the device when absent) to `id`. */
export function useDiff(id: string | undefined, against: string | undefined) {
  return useQuery({
    queryKey: ["diagnostic", id ?? "", "diff", against ?? "previous"],
    queryFn: () =>
      apiParsed(
        diffSchema,
        `/api/v1/diagnostics/${id}/diff${against ? `?against=${encodeURIComponent(against)}` : ""}`,
      ),
    enabled: Boolean(id),
    retry: false,
  });
}

export function useSeries(deviceId: string, path: string | undefined) {
  return useQuery({
    queryKey: [...deviceDiagnosticsKey(deviceId), "series", path ?? ""],
    queryFn: () =>
      apiParsed(
        seriesSchema,
        `/api/v1/devices/${deviceId}/diagnostics/series?path=${encodeURIComponent(path ?? "")}`,
      ),
    enabled: Boolean(path),
  });
}

export function useCreateCode() {
  return useMutation({
    mutationFn: (input: { customerId: string; caseId?: string; deviceSerial?: string; runId?: string }) =>
      apiParsed(diagnosticCodeSchema, "/api/v1/diagnostics/codes", { body: input }),
  });
}
