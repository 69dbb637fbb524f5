import { useQuery } from "@tanstack/react-query";
import { academyReportSchema } from "../../../../contracts/academy-report.ts";
import { apiParsed } from "../../api/client.ts";

export type Period = { from: string; to: string };

export function useAcademyReport(p: Period) {
  return useQuery({
    queryKey: ["academy", "report", p],
    queryFn: () =>
      apiParsed(
        academyReportSchema,
        `/api/v1/academy/report?from=${encodeURIComponent(p.from)}&to=${encodeURIComponent(p.to)}`,
      ),
  });
}
