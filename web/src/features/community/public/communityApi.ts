/**
 * The community's Core API (docs/community-api.md), as the public pages call it after hydration.
 * Plain fetch, no schemas: this chunk stays small, and the server validates every input.
 * A failure throws an Error with the server's message (its `error.message`) or the status.
 */
const BASE = "/api/v1/community";

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

export type SimilarResult = {
  topics: Array<{ id: string; number: number | string; url: string; title: string; solved: boolean }>;
  articles: Array<{ id: string; title: string; slug: string; snippet: string }>;
};

export const communityApi = {
  vote: (postId: string, value: -1 | 0 | 1) =>
    call<{ score: number; myVote: -1 | 0 | 1 }>("POST", `/posts/${postId}/votes`, { value }),
  accept: (postId: string) => call<{ accepted: boolean }>("POST", `/posts/${postId}/accept`),
  unaccept: (postId: string) => call<unknown>("DELETE", `/posts/${postId}/accept`),
  post: (topicId: string, body: string, parentPostId?: string) =>
    call<{ id: string }>("POST", `/topics/${topicId}/posts`, {
      body,
      ...(parentPostId ? { parentPostId } : {}),
    }),
  follow: (topicId: string) => call<unknown>("PUT", "/follows", { targetKind: "topic", targetId: topicId }),
  unfollow: (topicId: string) => call<unknown>("DELETE", `/follows/topic/${topicId}`),
  flag: (postId: string, reason: "spam" | "offensive" | "off_topic" | "other") =>
    call<unknown>("POST", "/flags", { postId, reason }),
  escalate: (topicId: string) =>
    call<{ caseId: string; caseNumber: number }>("POST", `/topics/${topicId}/escalate`),
  similar: (q: string, signal?: AbortSignal) =>
    fetch(`${BASE}/topics/similar?${new URLSearchParams({ q })}`, {
      credentials: "same-origin",
      signal,
    }).then((r) => (r.ok ? (r.json() as Promise<SimilarResult>) : { topics: [], articles: [] })),
  createTopic: (input: { categoryId: string; kind: "question"; title: string; body: string }) =>
    call<{ id: string; url: string }>("POST", "/topics", input),
};
