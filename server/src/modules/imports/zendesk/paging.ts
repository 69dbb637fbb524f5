import type { Page, ResourceName } from "./resources.ts";

/**
 * How Zendesk pages each resource (REST API v2, as documented):
 * - `incremental-cursor`: the cursor-based incremental exports (tickets, users). The first
 *   request gives `start_time`, later ones `cursor=<after_cursor>`; `end_of_stream` ends it.
 *   The last page's after_cursor is kept: the next run (a delta sync) starts from it.
 * - `incremental-time`: the time-based incremental exports (organizations, ticket events).
 *   `start_time=<end_time of the previous page>`. Pages may repeat records at their boundary
 *   (writers are idempotent); `end_of_stream` ends it.
 * - `list`: cursor pagination of ordinary lists (`page[size]`, `page[after]=<meta.after_cursor>`
 *   while `meta.has_more`). Small lists, re-read whole on every run, so the last page's
 *   checkpoint is null. A list that answers with offset pagination instead (`next_page`) is
 *   walked by page number.
 * Next pages are built from the cursor or time, never by following the response's
 * `after_url`/`next_page`/`links.next`: the credentials go only to the base URL the admin gave.
 */
export type PagingKind = "incremental-cursor" | "incremental-time" | "list";

export interface Endpoint {
  path: string;
  kind: PagingKind;
  /** The response's array of records ("tickets", "categories", …). */
  recordKey: string;
  /** Sideloads asked for with `include=`. */
  include?: string;
}

export const ENDPOINTS: { [R in ResourceName]: Endpoint } = {
  ticket_fields: { path: "/api/v2/ticket_fields.json", kind: "list", recordKey: "ticket_fields" },
  user_fields: { path: "/api/v2/user_fields.json", kind: "list", recordKey: "user_fields" },
  organization_fields: {
    path: "/api/v2/organization_fields.json",
    kind: "list",
    recordKey: "organization_fields",
  },
  groups: { path: "/api/v2/groups.json", kind: "list", recordKey: "groups" },
  organizations: {
    path: "/api/v2/incremental/organizations.json",
    kind: "incremental-time",
    recordKey: "organizations",
  },
  users: {
    path: "/api/v2/incremental/users/cursor.json",
    kind: "incremental-cursor",
    recordKey: "users",
    include: "identities",
  },
  tickets: {
    path: "/api/v2/incremental/tickets/cursor.json",
    kind: "incremental-cursor",
    recordKey: "tickets",
  },
  ticket_events: {
    path: "/api/v2/incremental/ticket_events.json",
    kind: "incremental-time",
    recordKey: "ticket_events",
    include: "comment_events",
  },
  satisfaction_ratings: {
    path: "/api/v2/satisfaction_ratings.json",
    kind: "list",
    recordKey: "satisfaction_ratings",
  },
  macros: { path: "/api/v2/macros.json", kind: "list", recordKey: "macros" },
  hc_categories: { path: "/api/v2/help_center/categories.json", kind: "list", recordKey: "categories" },
  hc_sections: { path: "/api/v2/help_center/sections.json", kind: "list", recordKey: "sections" },
  hc_articles: {
    path: "/api/v2/help_center/articles.json",
    kind: "list",
    recordKey: "articles",
    include: "translations",
  },
};

/** Zendesk's own caps: 100 a page on lists, 1000 on incremental exports. */
export const LIST_PAGE_MAX = 100;
export const INCREMENTAL_PAGE_MAX = 1000;

/**
 * Records that were not JSON objects are taken out of `records` and put in this sideload, so
 * the writers never see them and the run can still report them as skipped.
 */
export const MALFORMED_SIDELOAD = "rapport_malformed_records";

/** A response that is not the page Zendesk documents; the run stops (resumable). */
export class ZendeskPageError extends Error {
  override name = "ZendeskPageError";
}

export interface PageSize {
  /** page[size] of list endpoints (capped at 100). */
  list: number;
  /** per_page of incremental exports; undefined lets Zendesk use its default (1000). */
  incremental?: number;
}

/** The path and query of the page after `checkpoint` (null: the first page, from `since`). */
export function pageUrl(
  endpoint: Endpoint,
  checkpoint: string | null,
  since: Date | null,
  size: PageSize,
): string {
  const query = new URLSearchParams();
  if (endpoint.kind === "list") {
    query.set("page[size]", String(Math.min(size.list, LIST_PAGE_MAX)));
    const offset = checkpoint === null ? null : OFFSET_CHECKPOINT.exec(checkpoint);
    if (offset?.[1]) {
      query.delete("page[size]");
      query.set("page", offset[1]);
      query.set("per_page", String(Math.min(size.list, LIST_PAGE_MAX)));
    } else if (checkpoint !== null) query.set("page[after]", checkpoint);
  } else {
    // Zendesk refuses a start_time in the last minute ("too recent"), so a later `since` asks
    // from a minute ago, which holds nothing older anyway.
    const latest = Math.floor(Date.now() / 1000) - 61;
    const startTime = since ? Math.max(0, Math.min(latest, Math.floor(since.getTime() / 1000))) : 0;
    if (endpoint.kind === "incremental-cursor" && checkpoint !== null) query.set("cursor", checkpoint);
    else if (endpoint.kind === "incremental-time" && checkpoint !== null) {
      if (!/^\d{1,12}$/.test(checkpoint))
        throw new ZendeskPageError(
          `The saved position "${checkpoint.slice(0, 40)}" is not a Zendesk start_time`,
        );
      query.set("start_time", checkpoint);
    } else query.set("start_time", String(startTime));
    if (size.incremental !== undefined)
      query.set("per_page", String(Math.min(size.incremental, INCREMENTAL_PAGE_MAX)));
  }
  if (endpoint.include) query.set("include", endpoint.include);
  return `${endpoint.path}?${query.toString()}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads one response body into a Page. Only the envelope is checked here (the records array
 * and the paging fields); each record's own shape is the writers' business, which skip and
 * report a bad one instead of stopping the run.
 */
export function readPage<R extends ResourceName>(
  resource: R,
  endpoint: Endpoint,
  body: unknown,
  checkpoint: string | null,
): Page<R> {
  const bad = (what: string) =>
    new ZendeskPageError(`Zendesk's ${resource} page is not what its API documents: ${what}`);
  if (!isObject(body)) throw bad("the answer is not a JSON object");
  const list = body[endpoint.recordKey];
  if (!Array.isArray(list)) throw bad(`"${endpoint.recordKey}" is not a list`);

  const records: Page<R>["records"] = [];
  const malformed: unknown[] = [];
  for (const item of list) {
    if (isObject(item)) records.push(item as unknown as Page<R>["records"][number]);
    else malformed.push(item);
  }
  const sideloads: Record<string, unknown[]> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key !== endpoint.recordKey && Array.isArray(value)) sideloads[key] = value;
  }
  if (malformed.length > 0) sideloads[MALFORMED_SIDELOAD] = malformed;

  const next = nextPosition(endpoint, body, checkpoint, bad);
  return { resource, records, sideloads, checkpoint: next.checkpoint, endOfStream: next.endOfStream };
}

/**
 * Some Zendesk lists answer `page[size]` with offset pagination (`next_page`, `page=N`). Their
 * checkpoint is "offset:N"; a real cursor never looks like that.
 */
const OFFSET_CHECKPOINT = /^offset:(\d{1,9})$/;

function nextPageNumber(nextPage: string): number | null {
  try {
    const page = Number(new URL(nextPage, "http://zendesk.invalid").searchParams.get("page"));
    return Number.isInteger(page) && page > 1 ? page : null;
  } catch {
    return null;
  }
}

/** import_checkpoints.checkpoint holds at most this; Zendesk's cursors are a few dozen characters. */
const CURSOR_MAX = 2000;

function nextPosition(
  endpoint: Endpoint,
  body: Record<string, unknown>,
  checkpoint: string | null,
  bad: (what: string) => Error,
): { checkpoint: string | null; endOfStream: boolean } {
  if (endpoint.kind === "list") {
    const meta = body.meta;
    if (!isObject(meta)) {
      // An endpoint that ignored page[size] answers with offset pagination: go on by page number.
      if (body.next_page === null || body.next_page === undefined)
        return { checkpoint: null, endOfStream: true };
      const page = typeof body.next_page === "string" ? nextPageNumber(body.next_page) : null;
      if (page === null) throw bad("next_page is not a page address");
      const current = checkpoint === null ? 1 : Number(OFFSET_CHECKPOINT.exec(checkpoint)?.[1] ?? 1);
      if (page <= current) throw bad("next_page did not move");
      return { checkpoint: `offset:${page}`, endOfStream: false };
    }
    if (meta.has_more !== true) return { checkpoint: null, endOfStream: true };
    if (typeof meta.after_cursor !== "string" || meta.after_cursor === "")
      throw bad("meta.has_more is true but meta.after_cursor is missing");
    if (meta.after_cursor === checkpoint) throw bad("meta.after_cursor did not move");
    if (meta.after_cursor.length > CURSOR_MAX) throw bad("meta.after_cursor is too long to be a cursor");
    return { checkpoint: meta.after_cursor, endOfStream: false };
  }

  if (typeof body.end_of_stream !== "boolean") throw bad("end_of_stream is missing");
  const endOfStream = body.end_of_stream;

  if (endpoint.kind === "incremental-cursor") {
    const after = body.after_cursor;
    if (typeof after === "string" && after !== "") {
      if (!endOfStream && after === checkpoint) throw bad("after_cursor did not move");
      if (after.length > CURSOR_MAX) throw bad("after_cursor is too long to be a cursor");
      return { checkpoint: after, endOfStream };
    }
    if (!endOfStream) throw bad("after_cursor is missing before the end of the stream");
    // An empty last page may carry no cursor: keep the one we had, for the next delta.
    return { checkpoint, endOfStream };
  }

  // Time-based: the next start_time is this page's end_time.
  const endTime = body.end_time;
  if (typeof endTime === "number" && Number.isInteger(endTime) && endTime >= 0) {
    const previous = checkpoint === null ? null : Number(checkpoint);
    // Zendesk repeats the boundary second, never goes back; a page that ends where it began
    // and is not the last would be fetched forever.
    if (!endOfStream && previous !== null && endTime <= previous)
      throw bad(`end_time ${endTime} did not move past start_time ${previous}`);
    return { checkpoint: String(endTime), endOfStream };
  }
  if (!endOfStream) throw bad("end_time is missing before the end of the stream");
  return { checkpoint, endOfStream };
}
