import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import {
  type ArticlePatch,
  type ArticleState,
  articleListSchema,
  articleSchema,
  type CategoryInput,
  type CreateArticle,
  categoryListSchema,
  categorySchema,
  compareSchema,
  helpAttachmentSchema,
  translationListSchema,
  versionListSchema,
} from "../../../../contracts/help.ts";
import { helpAnalyticsSchema } from "../../../../contracts/help-search.ts";
import { ApiError, api, apiParsed } from "../../api/client.ts";

export const helpKey = ["help"] as const;

export type ListFilter = {
  state?: ArticleState | undefined;
  locale?: string;
  categoryId?: string;
  q?: string;
};

export function useArticleList(filter: ListFilter) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (typeof v === "string" && v.trim()) params.set(k, v.trim());
  return useQuery({
    queryKey: [...helpKey, "list", params.toString()],
    queryFn: () => apiParsed(articleListSchema, `/api/v1/help/articles?${params}`),
    placeholderData: (previous) => previous,
  });
}

export function useArticle(id: string | undefined) {
  return useQuery({
    queryKey: [...helpKey, "one", id],
    queryFn: () => apiParsed(articleSchema, `/api/v1/help/articles/${id}`),
    enabled: Boolean(id),
    retry: false,
  });
}

export function useCategories() {
  return useQuery({
    queryKey: [...helpKey, "categories"],
    queryFn: () => apiParsed(categoryListSchema, "/api/v1/help/categories"),
  });
}

export function useVersions(id: string) {
  return useQuery({
    queryKey: [...helpKey, "one", id, "versions"],
    queryFn: () => apiParsed(versionListSchema, `/api/v1/help/articles/${id}/versions`),
  });
}

export function fetchCompare(id: string, from: number, to: number) {
  return apiParsed(compareSchema, `/api/v1/help/articles/${id}/versions/compare?from=${from}&to=${to}`);
}

export function useTranslations(id: string) {
  return useQuery({
    queryKey: [...helpKey, "one", id, "translations"],
    queryFn: () => apiParsed(translationListSchema, `/api/v1/help/articles/${id}/translations`),
  });
}

export const createArticle = (input: CreateArticle) =>
  apiParsed(articleSchema, "/api/v1/help/articles", { body: input });
export const patchArticle = (id: string, input: ArticlePatch) =>
  apiParsed(articleSchema, `/api/v1/help/articles/${id}`, { method: "PATCH", body: input });
export const restoreVersion = (id: string, n: number) =>
  apiParsed(articleSchema, `/api/v1/help/articles/${id}/versions/${n}/restore`, { body: {} });
export const createCategory = (input: CategoryInput) =>
  apiParsed(categorySchema, "/api/v1/help/categories", { body: input });
export const publishFromProblem = (problemId: string) =>
  apiParsed(articleSchema, `/api/v1/help/articles/from-problem/${problemId}`, { body: {} });

export async function uploadImage(articleId: string, file: File) {
  const dataBase64 = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
  return apiParsed(helpAttachmentSchema, `/api/v1/help/articles/${articleId}/attachments`, {
    body: { name: file.name || "image.png", contentType: file.type || "image/png", dataBase64 },
  });
}

/** A write about help articles; afterwards every help query refetches. */
export function useHelpWrite<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: helpKey }),
  });
}

// ---- search and deflection (issue #15's search routes, built on another branch) ----

export const suggestionSchema = z.object({
  id: z.string(),
  title: z.string(),
  slug: z.string(),
  snippet: z.string().optional().default(""),
  kind: z.enum(["article", "playbook"]),
});
export type Suggestion = z.infer<typeof suggestionSchema>;
const suggestionListSchema = z.object({ items: z.array(suggestionSchema), holdout: z.boolean().optional() });

/** null when the route does not exist (yet): the caller then shows nothing or falls back. */
async function orMissing<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 405)) return null;
    throw err;
  }
}

export function usePortalSuggestions(q: string, session: string) {
  return useQuery({
    queryKey: [...helpKey, "suggestions", q],
    queryFn: () =>
      orMissing(() =>
        apiParsed(suggestionListSchema, `/api/v1/help/suggestions?${new URLSearchParams({ q, session })}`),
      ),
    enabled: q.length >= 3,
    retry: false,
    placeholderData: (previous) => previous,
  });
}

export const recordDeflection = (input: {
  query: string;
  session: string;
  articleId?: string;
  playbookSlug?: string;
}) => orMissing(() => api("/api/v1/help/deflections", { body: input }));

/** The case's suggested articles; without the suggestions route, published articles matching the subject. */
export function useCaseArticleSuggestions(caseId: string, subject: string) {
  return useQuery({
    queryKey: [...helpKey, "case", caseId, subject],
    queryFn: async (): Promise<Suggestion[]> => {
      const found = await orMissing(() =>
        apiParsed(suggestionListSchema, `/api/v1/cases/${caseId}/article-suggestions`),
      );
      if (found) return found.items;
      // Title search is a substring match: look for the subject's three longest words.
      const words = [...new Set(subject.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? [])]
        .sort((a, b) => b.length - a.length)
        .slice(0, 3);
      const lists = await Promise.all(words.map(searchArticles));
      const seen = new Set<string>();
      return lists.flat().filter((a) => !seen.has(a.id) && Boolean(seen.add(a.id)));
    },
    retry: false,
  });
}

export async function searchArticles(q: string): Promise<Suggestion[]> {
  const params = new URLSearchParams({ state: "published" });
  if (q.trim()) params.set("q", q.trim());
  const list = await apiParsed(articleListSchema, `/api/v1/help/articles?${params}`);
  return list.items.map((a) => ({ id: a.id, title: a.title, slug: a.slug, snippet: "", kind: "article" }));
}

export function useArticleSearch(q: string, enabled = true) {
  return useQuery({
    queryKey: [...helpKey, "search", q],
    queryFn: () => searchArticles(q),
    enabled: enabled && q.trim().length > 0,
    placeholderData: (previous) => previous,
  });
}

export const shareArticle = (caseId: string, articleId: string) =>
  orMissing(() => api(`/api/v1/cases/${caseId}/shared-articles`, { body: { articleId } }));

export const fetchArticle = (id: string) => apiParsed(articleSchema, `/api/v1/help/articles/${id}`);

/** Content owners' numbers (GET /api/v1/help/analytics): per article, content gaps, outdated, holdout. */
export function useHelpAnalytics() {
  return useQuery({
    queryKey: [...helpKey, "analytics"],
    queryFn: () => apiParsed(helpAnalyticsSchema, "/api/v1/help/analytics"),
  });
}
export type HelpAnalytics = z.infer<typeof helpAnalyticsSchema>;
