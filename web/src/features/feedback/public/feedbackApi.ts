/**
 * The feedback core's JSON API (docs/feedback-api.md), as the public pages call it after
 * hydration. Plain fetch, no schemas: this chunk stays small and the server validates every
 * input. A failure throws an Error with the server's message (its `error.message`) or the status.
 */
const BASE = "/api/v1/feedback";

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(BASE + path, {
    method,
    credentials: "same-origin",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const json = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const message = (json as { error?: { message?: string } } | null)?.error?.message;
    throw new Error(message ?? `HTTP ${res.status}`);
  }
  return json as T;
}

/** GET /ideas/similar (the insight part): similar ideas and help articles for a draft title. */
export type SimilarResult = {
  ideas: Array<{
    id: string;
    number: string | number;
    url: string;
    title: string;
    status: string;
    votes: number;
  }>;
  articles: Array<{ id: string; title: string; slug: string; snippet: string }>;
};

const EMPTY: SimilarResult = { ideas: [], articles: [] };

export const feedbackApi = {
  /** GET /ideas/{id}: only what the page refreshes after a change (the rest is server-rendered). */
  idea: (ideaId: string) =>
    call<{ subscribed: boolean; votes: number; myVote: boolean }>("GET", `/ideas/${ideaId}`),
  vote: (ideaId: string) => call<{ votes: number; myVote: boolean }>("POST", `/ideas/${ideaId}/votes`, {}),
  unvote: (ideaId: string) => call<{ votes: number; myVote: boolean }>("DELETE", `/ideas/${ideaId}/votes`),
  subscribe: (ideaId: string) => call<{ subscribed: boolean }>("POST", `/ideas/${ideaId}/subscription`),
  unsubscribe: (ideaId: string) => call<{ subscribed: boolean }>("DELETE", `/ideas/${ideaId}/subscription`),
  comment: (ideaId: string, body: string) =>
    call<{ id: string }>("POST", `/ideas/${ideaId}/comments`, { body }),
  createIdea: (input: { boardId: string; title: string; description: string }) =>
    call<{ id: string; url: string }>("POST", "/ideas", input),
  /** Until the insight part answers, whatever it returns, or nothing. */
  similar: (q: string, signal?: AbortSignal): Promise<SimilarResult> =>
    fetch(`${BASE}/ideas/similar?${new URLSearchParams({ q })}`, { credentials: "same-origin", signal }).then(
      async (r) => {
        if (!r.ok) return EMPTY;
        const body = (await r.json()) as Partial<SimilarResult>;
        return {
          ideas: Array.isArray(body.ideas) ? body.ideas : [],
          articles: Array.isArray(body.articles) ? body.articles : [],
        };
      },
      () => EMPTY,
    ),
};
