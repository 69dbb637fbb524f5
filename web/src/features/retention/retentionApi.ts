import { useQuery } from "@tanstack/react-query";
import {
  churnedListSchema,
  cohortsSchema,
  retentionDashboardSchema,
} from "../../../../contracts/retention-dashboard.ts";
import { apiParsed } from "../../api/client.ts";

export type Period = { from: string; to: string };

const qs = (p: Period) => `from=${encodeURIComponent(p.from)}&to=${encodeURIComponent(p.to)}`;

export function useRetentionDashboard(p: Period) {
  return useQuery({
    queryKey: ["retention", "dashboard", p],
    queryFn: () => apiParsed(retentionDashboardSchema, `/api/v1/retention/dashboard?${qs(p)}`),
  });
}

export function useCohorts(p: Period) {
  return useQuery({
    queryKey: ["retention", "cohorts", p],
    queryFn: () => apiParsed(cohortsSchema, `/api/v1/retention/cohorts?${qs(p)}&by=month`),
  });
}

export function useChurned(p: Period) {
  return useQuery({
    queryKey: ["retention", "churned", p],
    queryFn: () => apiParsed(churnedListSchema, `/api/v1/retention/churned?${qs(p)}`),
  });
}

/** A CSV file the browser downloads: RFC 4180 quoting, so names with commas survive. */
export function downloadCsv(name: string, rows: Array<Array<string | number | null>>) {
  const cell = (v: string | number | null) => {
    const s = v === null ? "" : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = rows.map((r) => r.map(cell).join(",")).join("\r\n");
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}
