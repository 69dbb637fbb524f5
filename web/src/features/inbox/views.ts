import type { CaseFilters } from "./inboxApi.ts";

/** The built-in views; teams and saved views are added from the server's lists. */
export const BUILT_IN_VIEWS = {
  mine: { status: "open", assignee: "me" },
  unassigned: { status: "open", assignee: "none" },
  open: { status: "open" },
} satisfies Record<string, CaseFilters>;

export type ViewKey = keyof typeof BUILT_IN_VIEWS | `team:${string}` | `view:${string}`;

const FILTER_KEYS = ["status", "assignee", "team", "tag", "customer", "q"] as const;

/** Filters live in the URL so back, reload and shared links show the same list. */
export function filtersFromParams(params: URLSearchParams): CaseFilters {
  const filters: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  if (!params.has("view") && Object.keys(filters).length === 0) return BUILT_IN_VIEWS.open;
  return filters as CaseFilters;
}

export function paramsFor(view: string, filters: CaseFilters): URLSearchParams {
  const params = new URLSearchParams({ view });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, String(value));
  return params;
}
