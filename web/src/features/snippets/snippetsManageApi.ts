import { useMutation, useQueryClient } from "@tanstack/react-query";
import { snippetSchema } from "../../../../contracts/snippets.ts";
import { api, apiParsed } from "../../api/client.ts";
import { snippetKeys } from "./snippetsApi.ts";

/** Writing snippets from the snippets screen: personal ones, or a team's (its lead or an admin). */
export function useSaveSnippet() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string | null; title: string; body: string; teamId: string | null }) =>
      input.id
        ? apiParsed(snippetSchema, `/api/v1/snippets/${encodeURIComponent(input.id)}`, {
            method: "PATCH",
            body: { title: input.title, body: input.body },
          })
        : apiParsed(snippetSchema, "/api/v1/snippets", {
            body: {
              title: input.title,
              body: input.body,
              ...(input.teamId ? { teamId: input.teamId } : {}),
            },
          }),
    onSuccess: () => qc.invalidateQueries({ queryKey: snippetKeys.all }),
  });
}

export function useDeleteSnippet() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/api/v1/snippets/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: snippetKeys.all }),
  });
}
