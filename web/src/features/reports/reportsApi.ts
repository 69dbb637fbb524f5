import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client.ts";

/** The reports API (GET /api/v1/reports/{metric}, docs/retention-api.md). */
export const METRICS = [
  "first-reply-time",
  "next-reply-time",
  "resolution-time",
  "one-touch",
  "reopen-rate",
  "repeat-contact-rate",
  "backlog",
  "csat",
  "ces",
] as const;
export type Metric = (typeof METRICS)[number];
export const GROUPS = ["day", "week", "month", "team", "agent", "channel", "tag"] as const;
export type Group = (typeof GROUPS)[number];
export const CHANNELS = ["email", "web", "phone", "chat", "api", "social"] as const;

export type Figure = { value: number | null; count: number; hits: number | null };
export type Report = {
  metric: Metric;
  unit: "minutes" | "share" | "score" | "cases";
  clock: "business" | "customer";
  from: string;
  to: string;
  groupBy: Group | "age" | null;
  total: Figure;
  rows: Array<Figure & { key: string; label: string }>;
};
export type ReportCase = {
  id: string;
  number: number;
  subject: string;
  status: string;
  channel: string;
  createdAt: string;
  value: number | null;
};

/** The query string a report and its drill-down share (empty values left out). */
export function reportParams(p: Record<string, string | undefined>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v) s.set(k, v);
  return s.toString();
}

export function useReport(metric: Metric, params: string) {
  return useQuery({
    queryKey: ["report", metric, params],
    queryFn: async () => (await api(`/api/v1/reports/${metric}?${params}`)) as Report,
  });
}

export function useReportCases(metric: Metric, params: string) {
  return useQuery({
    queryKey: ["report-cases", metric, params],
    queryFn: async () =>
      (await api(`/api/v1/reports/${metric}/cases?${params}`)) as {
        items: ReportCase[];
        total: number;
        page: number;
        limit: number;
      },
  });
}
