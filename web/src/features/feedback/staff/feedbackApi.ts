import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import type {
  FeedbackBoard,
  FeedbackBoardInput,
  FeedbackSettings,
  IdeaComment,
  IdeaDetail,
  IdeaInput,
  IdeaPatch,
  IdeaScore,
  IdeaStatusValue,
  IdeaSummary,
} from "../../../../../contracts/feedback.ts";
import { api, apiParsed } from "../../../api/client.ts";

/**
 * The feedback API the staff screens call (docs/feedback-api.md). The core's and the insight
 * part's answers are typed by contracts/feedback.ts; the two insight views the contract leaves
 * untyped (themes, merge suggestions) are read leniently below, only the fields shown.
 */
const BASE = "/api/v1/feedback";
export const feedbackKey = ["feedback"] as const;

export const STATUSES: IdeaStatusValue[] = [
  "open",
  "under_review",
  "planned",
  "in_progress",
  "done",
  "declined",
  "duplicate",
];

const get = <T>(path: string) => api(path) as Promise<T>;
type Items<T> = { items: T[] };
export type IdeaPage = { items: IdeaSummary[]; total: number; page: number; pageSize: number };
export type IdeaCase = {
  caseId: string;
  caseNumber: number | string;
  subject: string;
  customerId: string;
  customerName: string;
  linkedAt: string;
};
export type IdeaQuery = {
  boardId?: string;
  status?: string;
  tag?: string;
  q?: string;
  sort?: "votes" | "score" | "recent";
  caseId?: string;
  page?: number;
  pageSize?: number;
};

/** Query string without the empty filters (the server's zod refuses an empty uuid). */
const qs = (query: Record<string, string | number | undefined>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== "") params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
};

export const useBoards = () =>
  useQuery({
    queryKey: [...feedbackKey, "boards"],
    queryFn: () => get<Items<FeedbackBoard>>(`${BASE}/boards`),
    retry: false,
  });
export const useFeedbackSettings = () =>
  useQuery({
    queryKey: [...feedbackKey, "settings"],
    queryFn: () => get<FeedbackSettings>(`${BASE}/settings`),
    retry: false,
  });
export const useIdeas = (query: IdeaQuery, enabled = true) =>
  useQuery({
    queryKey: [...feedbackKey, "ideas", query],
    queryFn: () => get<IdeaPage>(`${BASE}/ideas${qs(query)}`),
    retry: false,
    enabled,
    placeholderData: (previous) => previous,
  });
export const useIdea = (id: string | null) =>
  useQuery({
    queryKey: [...feedbackKey, "idea", id],
    queryFn: () => get<IdeaDetail>(`${BASE}/ideas/${id}`),
    retry: false,
    enabled: Boolean(id),
  });
export const useIdeaCases = (id: string) =>
  useQuery({
    queryKey: [...feedbackKey, "idea", id, "cases"],
    queryFn: () => get<Items<IdeaCase>>(`${BASE}/ideas/${id}/cases`),
    retry: false,
  });
/** Ideas whose words match, for the merge and link pickers (nothing asked under 2 characters). */
export const useIdeaSearch = (q: string) => {
  const query = q.trim();
  return useIdeas({ q: query, pageSize: 10 }, query.length >= 2);
};
export const usePriorities = (filter: { boardId?: string; status?: string }) =>
  useQuery({
    queryKey: [...feedbackKey, "priorities", filter],
    queryFn: () =>
      get<{ items: IdeaScore[]; weights: FeedbackSettings["scoreWeights"] }>(
        `${BASE}/priorities${qs(filter)}`,
      ),
    retry: false,
  });

// The themes' and merge suggestions' shapes are the insight part's (not in the contract): read
// what is there under the likely names, so a renamed field shows as empty, never as a crash.
const num = z.coerce.number().catch(0);
const point = z
  .object({
    month: z.string(),
    ideas: num.optional(),
    newIdeas: num.optional(),
    cases: num.optional(),
    linkedCases: num.optional(),
  })
  .loose();
const series = z
  .object({
    id: z.string().nullish(),
    boardId: z.string().nullish(),
    name: z.string().nullish(),
    tag: z.string().nullish(),
    label: z.string().nullish(),
    months: z.array(point).optional(),
    series: z.array(point).optional(),
    points: z.array(point).optional(),
  })
  .loose();
const mover = z
  .object({
    name: z.string().nullish(),
    tag: z.string().nullish(),
    label: z.string().nullish(),
    kind: z.string().nullish(),
    current: num.optional(),
    thisMonth: num.optional(),
    previous: num.optional(),
    lastMonth: num.optional(),
  })
  .loose();
const themesSchema = z
  .object({
    byBoard: z.array(series).catch([]).optional(),
    byTag: z.array(series).catch([]).optional(),
    boards: z.array(series).catch([]).optional(),
    tags: z.array(series).catch([]).optional(),
    topMovers: z.array(mover).catch([]).optional(),
    movers: z.array(mover).catch([]).optional(),
  })
  .loose();
export type ThemeSeries = z.infer<typeof series>;
export type ThemeMover = z.infer<typeof mover>;
export const useThemes = (months: number) =>
  useQuery({
    queryKey: [...feedbackKey, "themes", months],
    queryFn: () => apiParsed(themesSchema, `${BASE}/themes?months=${months}`),
    retry: false,
  });

const ideaRef = z
  .object({ id: z.string(), number: z.coerce.string(), title: z.string(), votes: num.optional() })
  .loose();
const suggestion = z
  .object({
    a: ideaRef.optional(),
    b: ideaRef.optional(),
    idea: ideaRef.optional(),
    other: ideaRef.optional(),
    similarity: num.optional(),
    reason: z.string().nullish(),
  })
  .loose();
export type IdeaRef = z.infer<typeof ideaRef>;
export const useMergeSuggestions = () =>
  useQuery({
    queryKey: [...feedbackKey, "merge-suggestions"],
    queryFn: async () => {
      const body = await apiParsed(
        z.object({ items: z.array(suggestion).optional(), pairs: z.array(suggestion).optional() }).loose(),
        `${BASE}/merge-suggestions`,
      );
      return (body.items ?? body.pairs ?? []).flatMap((s) => {
        const a = s.a ?? s.idea;
        const b = s.b ?? s.other;
        return a && b ? [{ a, b, similarity: s.similarity ?? 0, reason: s.reason ?? "" }] : [];
      });
    },
    retry: false,
  });

const customerHit = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), organization: z.string().nullish() }).loose()),
});
/** Customers by name or email, for "vote on behalf" (nothing asked under 2 characters). */
export const useCustomerLookup = (q: string) => {
  const query = q.trim();
  return useQuery({
    queryKey: [...feedbackKey, "customers", query],
    queryFn: () => apiParsed(customerHit, `/api/v1/customers?limit=8&q=${encodeURIComponent(query)}`),
    enabled: query.length >= 2,
    retry: false,
  });
};

/** A write, then every feedback query is fetched again (counts move together). */
export function useFeedbackWrite<V, R = unknown>(write: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => client.invalidateQueries({ queryKey: feedbackKey }),
  });
}

export const createBoard = (body: FeedbackBoardInput) =>
  api(`${BASE}/boards`, { body }) as Promise<FeedbackBoard>;
export const updateBoard = ({ id, ...body }: Partial<FeedbackBoardInput> & { id: string }) =>
  api(`${BASE}/boards/${id}`, { method: "PATCH", body });
export const deleteBoard = (id: string) => api(`${BASE}/boards/${id}`, { method: "DELETE" });
export const saveSettings = (body: FeedbackSettings) => api(`${BASE}/settings`, { method: "PUT", body });

export const createIdea = (body: IdeaInput) => api(`${BASE}/ideas`, { body }) as Promise<IdeaDetail>;
export const patchIdea = ({ id, ...body }: IdeaPatch & { id: string }) =>
  api(`${BASE}/ideas/${id}`, { method: "PATCH", body }) as Promise<IdeaDetail>;
export const mergeIdea = (v: { id: string; intoId: string }) =>
  api(`${BASE}/ideas/${v.id}/merge`, { body: { intoId: v.intoId } }) as Promise<{
    id: string;
    intoId: string;
  }>;
export const postComment = (v: { id: string; body: string; official: boolean }) =>
  api(`${BASE}/ideas/${v.id}/comments`, {
    body: { body: v.body, official: v.official },
  }) as Promise<IdeaComment>;
export const voteFor = (v: { id: string; customerId: string }) =>
  api(`${BASE}/ideas/${v.id}/votes`, { body: { customerId: v.customerId } });
export const linkCase = (v: { id: string; caseId: string }) =>
  api(`${BASE}/ideas/${v.id}/cases`, { body: { caseId: v.caseId } });
export const unlinkCase = (v: { id: string; caseId: string }) =>
  api(`${BASE}/ideas/${v.id}/cases/${v.caseId}`, { method: "DELETE" });
