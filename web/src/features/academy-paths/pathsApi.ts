import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { pathCourseChoicesSchema, pathListSchema, pathSchema } from "../../../../contracts/academy-report.ts";
import { api, apiParsed } from "../../api/client.ts";

/** The learning paths API (contracts/academy-report.ts) as the paths screen calls it. */
const key = ["academy", "paths"] as const;

export function usePaths() {
  return useQuery({ queryKey: key, queryFn: () => apiParsed(pathListSchema, "/api/v1/academy/paths") });
}

export function useCourseChoices() {
  return useQuery({
    queryKey: [...key, "courses"],
    queryFn: () => apiParsed(pathCourseChoicesSchema, "/api/v1/academy/paths/courses"),
  });
}

export type PathInput = { id?: string; slug: string; title: string; summary: string; courseIds: string[] };

/** Any change to paths: refetch the list. */
export function usePathMutation<T>(fn: (input: T) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: key }) });
}

export const savePath = ({ id, slug, ...rest }: PathInput) =>
  id
    ? apiParsed(pathSchema, `/api/v1/academy/paths/${id}`, { method: "PATCH", body: rest })
    : apiParsed(pathSchema, "/api/v1/academy/paths", { body: { slug, ...rest } });

export const changePath = ({ id, action }: { id: string; action: "publish" | "archive" | "delete" }) =>
  action === "delete"
    ? api(`/api/v1/academy/paths/${id}`, { method: "DELETE" })
    : api(`/api/v1/academy/paths/${id}/${action}`, { method: "POST" });
