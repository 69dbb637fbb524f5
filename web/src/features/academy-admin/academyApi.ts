import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type CourseOrder,
  type CoursePatch,
  courseListSchema,
  coursePreviewSchema,
  courseSchema,
  type LessonInput,
  type LessonPatch,
  lessonSchema,
  type QuestionInput,
  questionListSchema,
} from "../../../../contracts/academy-courses.ts";
import { errorBodySchema } from "../../../../contracts/errors.ts";
import { ApiError, api, apiParsed } from "../../api/client.ts";

/** The authoring API (contracts/academy-courses.ts) as TanStack Query hooks. */
const A = "/api/v1/academy";
export const academyKey = ["academy-admin"] as const;

export function useCourses() {
  return useQuery({
    queryKey: [...academyKey, "list"],
    queryFn: () => apiParsed(courseListSchema, `${A}/courses`),
  });
}

export function useCourse(id: string) {
  return useQuery({
    queryKey: [...academyKey, "course", id],
    queryFn: () => apiParsed(courseSchema, `${A}/courses/${id}`),
    retry: false,
  });
}

export function useCoursePreview(id: string) {
  return useQuery({
    queryKey: [...academyKey, "preview", id],
    queryFn: () => apiParsed(coursePreviewSchema, `${A}/courses/${id}/preview`),
    retry: false,
  });
}

export function useQuestions(lessonId: string) {
  return useQuery({
    queryKey: [...academyKey, "questions", lessonId],
    queryFn: () => apiParsed(questionListSchema, `${A}/lessons/${lessonId}/questions`),
  });
}

/** Every change refreshes the course it touched (and the list, for counts and states). */
function useCourseMutation<V>(courseId: string, run: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => qc.invalidateQueries({ queryKey: academyKey }),
    meta: { courseId },
  });
}

export const useCreateCourse = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (title: string) => apiParsed(courseSchema, `${A}/courses`, { body: { title } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: academyKey }),
  });
};
export const usePatchCourse = (id: string) =>
  useCourseMutation(id, (patch: CoursePatch) =>
    apiParsed(courseSchema, `${A}/courses/${id}`, { method: "PATCH", body: patch }),
  );
export const useDeleteCourse = (id: string) =>
  useCourseMutation(id, () => api(`${A}/courses/${id}`, { method: "DELETE" }));
export const useReorder = (id: string) =>
  useCourseMutation(id, (order: CourseOrder) =>
    apiParsed(courseSchema, `${A}/courses/${id}/order`, { method: "PUT", body: order }),
  );
export const useAddModule = (id: string) =>
  useCourseMutation(id, (title: string) => api(`${A}/courses/${id}/modules`, { body: { title } }));
export const useRenameModule = (courseId: string) =>
  useCourseMutation(courseId, (v: { id: string; title: string }) =>
    api(`${A}/modules/${v.id}`, { method: "PATCH", body: { title: v.title } }),
  );
export const useDeleteModule = (courseId: string) =>
  useCourseMutation(courseId, (moduleId: string) => api(`${A}/modules/${moduleId}`, { method: "DELETE" }));
export const useAddLesson = (courseId: string) =>
  useCourseMutation(courseId, (v: { moduleId: string; lesson: LessonInput }) =>
    apiParsed(lessonSchema, `${A}/modules/${v.moduleId}/lessons`, { body: v.lesson }),
  );
export const usePatchLesson = (courseId: string) =>
  useCourseMutation(courseId, (v: { id: string; patch: LessonPatch }) =>
    apiParsed(lessonSchema, `${A}/lessons/${v.id}`, { method: "PATCH", body: v.patch }),
  );
export const useDeleteLesson = (courseId: string) =>
  useCourseMutation(courseId, (lessonId: string) => api(`${A}/lessons/${lessonId}`, { method: "DELETE" }));
export const useSaveQuestion = (courseId: string, lessonId: string) =>
  useCourseMutation(courseId, (v: { id?: string; question: QuestionInput }) =>
    v.id
      ? api(`${A}/lessons/${lessonId}/questions/${v.id}`, { method: "PATCH", body: v.question })
      : api(`${A}/lessons/${lessonId}/questions`, { body: v.question }),
  );
export const useDeleteQuestion = (courseId: string, lessonId: string) =>
  useCourseMutation(courseId, (questionId: string) =>
    api(`${A}/lessons/${lessonId}/questions/${questionId}`, { method: "DELETE" }),
  );

/** A call whose body is not JSON (a multipart upload, a YAML file); errors read like api()'s. */
export async function sendRaw(path: string, body: BodyInit, contentType?: string): Promise<unknown> {
  const res = await fetch(path, {
    method: "POST",
    credentials: "same-origin",
    headers: contentType ? { "content-type": contentType } : {},
    body,
  });
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const parsed = errorBodySchema.safeParse(data);
    if (parsed.success) {
      const e = parsed.data.error;
      throw new ApiError(res.status, e.code, e.message, e.field);
    }
    throw new ApiError(res.status, `http_${res.status}`, res.statusText);
  }
  return data;
}

export function uploadFile(path: string, file: File) {
  const form = new FormData();
  form.append("file", file, file.name);
  return sendRaw(path, form);
}

export async function importCourseFile(file: File) {
  const yaml = /\.ya?ml$/i.test(file.name) || /yaml/.test(file.type);
  const data = await sendRaw(
    `${A}/courses/import`,
    await file.text(),
    yaml ? "application/yaml" : "application/json",
  );
  return courseSchema.parse(data);
}

export const exportUrl = (id: string, format: "json" | "yaml") =>
  `${A}/courses/${id}/export?format=${format}`;
