import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  attemptListSchema,
  attemptResultSchema,
  attemptStartedSchema,
  certificateListSchema,
  enrollmentListSchema,
  enrollmentSchema,
  learnCourseSchema,
  learnLessonSchema,
  progressSchema,
} from "../../../../contracts/academy-learning.ts";
import { apiParsed } from "../../api/client.ts";

const A = "/api/v1/academy";

export function useEnrollments() {
  return useQuery({
    queryKey: ["academy", "enrollments"],
    queryFn: () => apiParsed(enrollmentListSchema, `${A}/enrollments`),
  });
}

export function useCertificates() {
  return useQuery({
    queryKey: ["academy", "certificates"],
    queryFn: () => apiParsed(certificateListSchema, `${A}/certificates`),
  });
}

export function useLearnCourse(key: string) {
  return useQuery({
    queryKey: ["academy", "course", key],
    queryFn: () => apiParsed(learnCourseSchema, `${A}/courses/${encodeURIComponent(key)}/learn`),
    retry: false,
  });
}

export function useLearnLesson(id: string) {
  return useQuery({
    queryKey: ["academy", "lesson", id],
    queryFn: () => apiParsed(learnLessonSchema, `${A}/lessons/${encodeURIComponent(id)}/learn`),
    retry: false,
  });
}

export function useAttempts(lessonId: string) {
  return useQuery({
    queryKey: ["academy", "attempts", lessonId],
    queryFn: () => apiParsed(attemptListSchema, `${A}/quizzes/${lessonId}/attempts`),
  });
}

/** After progress, the course bar, the enrolment list and certificates may all have moved. */
function useRefreshLearning() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ["academy"], refetchType: "active" });
}

export function useEnroll() {
  const refresh = useRefreshLearning();
  return useMutation({
    mutationFn: (courseId: string) => apiParsed(enrollmentSchema, `${A}/enrollments`, { body: { courseId } }),
    onSuccess: refresh,
  });
}

export type ProgressReport = { lessonId: string; percent?: number; positionSeconds?: number; opened?: true };

export function useReportProgress() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ProgressReport) => apiParsed(progressSchema, `${A}/progress`, { body }),
    onSuccess: (result) => {
      // Only a completion changes what other screens show; plain position reports do not.
      if (result.completed) void qc.invalidateQueries({ queryKey: ["academy"], refetchType: "active" });
    },
  });
}

export function useStartAttempt(lessonId: string) {
  return useMutation({
    mutationFn: () => apiParsed(attemptStartedSchema, `${A}/quizzes/${lessonId}/attempts`, { body: {} }),
  });
}

export function useSubmitAttempt(lessonId: string) {
  const refresh = useRefreshLearning();
  return useMutation({
    mutationFn: (v: { attemptId: string; answers: Record<string, string[] | string> }) =>
      apiParsed(attemptResultSchema, `${A}/quizzes/${lessonId}/attempts/${v.attemptId}/submit`, {
        body: { answers: v.answers },
      }),
    onSuccess: refresh,
  });
}
