import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { snippetFillSchema, snippetListSchema, snippetSchema } from "../../../../contracts/snippets.ts";
import { apiParsed } from "../../api/client.ts";

export const snippetKeys = { all: ["snippets"] as const };

/** The caller's snippets and their teams' (at most 200); the picker filters them as one types. */
export function useSnippets(enabled: boolean) {
  return useQuery({
    queryKey: snippetKeys.all,
    queryFn: () => apiParsed(snippetListSchema, "/api/v1/snippets"),
    enabled,
  });
}

export function fillSnippet(caseId: string, snippetId: string) {
  return apiParsed(
    snippetFillSchema,
    `/api/v1/cases/${encodeURIComponent(caseId)}/snippets/${encodeURIComponent(snippetId)}/fill`,
    { method: "POST" },
  );
}

export function useCreateSnippet() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { title: string; body: string }) =>
      apiParsed(snippetSchema, "/api/v1/snippets", { body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: snippetKeys.all }),
  });
}

/** Placeholders still written in a text (`{{fact.address}}`): facts the agent has yet to complete. */
export function unfilledIn(text: string): string[] {
  return [
    ...new Set([...text.matchAll(/\{\{\s*[a-z][a-z0-9_]*(?:\.[a-z0-9_-]+)?\s*\}\}/gi)].map((m) => m[0])),
  ];
}
