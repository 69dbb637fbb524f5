import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import {
  type SurveySettings,
  type SurveySettingsPatch,
  surveyFollowUpListSchema,
  surveyFollowUpSchema,
  surveySettingsSchema,
  surveySummarySchema,
} from "../../../../contracts/surveys.ts";
import { apiParsed } from "../../api/client.ts";

export type FollowUp = z.infer<typeof surveyFollowUpSchema>;

export function useFollowUps(status: "open" | undefined) {
  return useQuery({
    queryKey: ["surveys", "follow-ups", status ?? "all"],
    queryFn: () =>
      apiParsed(surveyFollowUpListSchema, `/api/v1/surveys/follow-ups${status ? `?status=${status}` : ""}`),
  });
}

export function usePatchFollowUp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; status: "open" | "done"; note?: string }) =>
      apiParsed(surveyFollowUpSchema, `/api/v1/surveys/follow-ups/${v.id}`, {
        method: "PATCH",
        body: { status: v.status, ...(v.note !== undefined && { note: v.note }) },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["surveys", "follow-ups"] }),
  });
}

export function useSurveySummary(groupBy: "agent" | "team") {
  return useQuery({
    queryKey: ["surveys", "summary", groupBy],
    queryFn: () => apiParsed(surveySummarySchema, `/api/v1/surveys/summary?groupBy=${groupBy}`),
  });
}

export function useSurveySettings() {
  return useQuery({
    queryKey: ["surveys", "settings"],
    queryFn: () => apiParsed(surveySettingsSchema, "/api/v1/surveys"),
  });
}

export function useSaveSurveySettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: SurveySettingsPatch) =>
      apiParsed(surveySettingsSchema, "/api/v1/surveys", { method: "PATCH", body: patch }),
    onSuccess: (s: SurveySettings) => qc.setQueryData(["surveys", "settings"], s),
  });
}
