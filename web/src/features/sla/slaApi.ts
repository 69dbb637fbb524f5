import { useQuery } from "@tanstack/react-query";
import { ApiError, api } from "../../api/client.ts";

/**
 * The SLA part's API (docs/agents-api.md). Read loosely: these screens are built beside the
 * server part, and a server without it (404) shows "not available" instead of breaking.
 */
export type Period = { day: number; start: string; end: string };
export type BusinessHours = {
  id: string;
  name: string;
  teamId: string | null;
  timezone: string;
  periods: Period[];
  holidays: string[];
  followOnId: string | null;
};
export type SlaPolicy = {
  id: string;
  name: string;
  position: number;
  conditions: { priority?: string; organization?: string; plan?: string };
  targets: {
    firstReplyMinutes?: number | null;
    nextReplyMinutes?: number | null;
    resolutionMinutes?: number | null;
  };
  calendar: "team" | "always";
};
export type Attainment = { met: number; breached: number; attainment: number | null };
export type SlaReportRow = {
  teamId: string | null;
  teamName?: string | null;
  firstReply: Attainment;
  nextReply: Attainment;
  resolution: Attainment;
};

/** null when the endpoint does not exist on this server (yet). */
export async function softGet<T>(path: string): Promise<T | null> {
  try {
    return (await api(path)) as T;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

function itemsOf<T>(body: unknown): T[] | null {
  if (body === null) return null;
  if (Array.isArray(body)) return body as T[];
  const b = body as { items?: T[]; teams?: T[] };
  return b.items ?? b.teams ?? [];
}

export function useBusinessHours() {
  return useQuery({
    queryKey: ["business-hours"],
    queryFn: async () => itemsOf<BusinessHours>(await softGet("/api/v1/business-hours")),
  });
}

export function useSlaPolicies() {
  return useQuery({
    queryKey: ["sla-policies"],
    queryFn: async () => itemsOf<SlaPolicy>(await softGet("/api/v1/sla-policies")),
  });
}

export function useSlaReport(from: string, to: string) {
  return useQuery({
    queryKey: ["sla-report", from, to],
    queryFn: async () =>
      itemsOf<SlaReportRow>(
        await softGet(`/api/v1/reports/sla?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
      ),
  });
}

const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/** "Mon 09:00-12:30" lines → periods; the first line not understood is returned as the error. */
export function parsePeriods(text: string): { periods: Period[]; bad: string | null } {
  const periods: Period[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^([a-z]{3})[a-z]*\s+(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/i.exec(line);
    const day = m ? DAYS.indexOf((m[1] as string).toLowerCase()) : -1;
    if (!m || day < 0) return { periods, bad: line };
    const pad = (s: string) => s.padStart(5, "0");
    periods.push({ day, start: pad(m[2] as string), end: pad(m[3] as string) });
  }
  return { periods, bad: null };
}

export function formatPeriods(periods: Period[]): string {
  const name = (d: number) => {
    const s = DAYS[d] ?? "sun";
    return s[0]?.toUpperCase() + s.slice(1);
  };
  return periods.map((p) => `${name(p.day)} ${p.start}-${p.end}`).join("\n");
}
