import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { attachmentStream } from "./attachment-bytes.ts";
import { type AdvanceInput, Dataset, type DatasetOptions, ID } from "./dataset.ts";
import { type Expected, expectedOf } from "./expected.ts";
import { decodeCursor, encodeCursor, type Position, read, readSince, type Segment, seek } from "./streams.ts";

/**
 * A local Zendesk-compatible server for importer tests and the benchmark (issue #24): the
 * endpoints the importer reads, shaped as Zendesk documents them, over a generated dataset
 * (dataset.ts), on 127.0.0.1 with Node's http module only.
 *
 * Paging, as Zendesk does it:
 * - Cursor-based incremental exports (users, tickets): `start_time` (Unix s) on the first
 *   request, then `cursor`; `per_page` ≤ 1000 (default 1000); `after_cursor` is given on every
 *   page, the last one (end_of_stream true) included: store it, and the next run resumes there
 *   and gets only what changed since.
 * - Time-based incremental exports (organizations, ticket_events): `start_time`; each page's
 *   `end_time` is the timestamp of its last item and `next_page` starts *at* it, so the items of
 *   that second come again at the top of the next page (and a run resumed from a stored
 *   end_time gets them again). A page never splits one second (it may then exceed per_page);
 *   when a whole page is one second, end_time is that second + 1 so the walk moves on.
 *   Importers must treat a repeated record as an update of the same record (idempotent writes
 *   keyed on the Zendesk id), never as a new one. `end_of_stream` is true on the page after
 *   which nothing is left.
 * - Cursor pagination for lists: `page[size]` ≤ 100 (default 100), `page[after]`; without
 *   `page[size]`, Zendesk's older offset pagination (`page`, `per_page`, `next_page`, `count`).
 *
 * Faults for tests: rate limits (429 + Retry-After), transient 503s, and killed connections.
 */
export interface FakeZendeskOptions extends DatasetOptions {
  email?: string;
  token?: string;
  rateLimit?: RateLimit | null;
  /** Every Nth request (counted over all requests) answers 503. */
  failEveryNth?: number | null;
}

export interface RateLimit {
  /** Every Nth request answers 429. */
  everyNth?: number;
  /** More than this many requests in a minute answer 429 until the minute is over. */
  perMinute?: number;
  /** Same, for the incremental export endpoints only (Zendesk's cap is 10, or 30 with High Volume). */
  incrementalPerMinute?: number;
  retryAfterSeconds: number;
}

export interface FakeZendesk {
  url: string;
  email: string;
  token: string;
  dataset: Dataset;
  /** Requests received, by URL path (query left out), refused ones included. */
  readonly requests: Record<string, number>;
  /** Responses sent, by status code (killed connections under 0). */
  readonly responses: Record<number, number>;
  totalRequests(): number;
  setRateLimit(limit: RateLimit | null): void;
  setFailEveryNth(n: number | null): void;
  /** After n more requests, every request has its connection destroyed, until reset(). */
  killAfterRequests(n: number): void;
  /** Clears every fault (rate limit, 503s, kills); counts stay. */
  reset(): void;
  advance(input: AdvanceInput): { newTicketIds: number[]; updatedTicketIds: number[] };
  /** Tickets advance() may change (open ones, not odd). */
  updatableTicketIds(n: number): number[];
  expected(): Expected;
  close(): Promise<void>;
}

const INCREMENTAL_MAX = 1000;
const LIST_MAX = 100;

class HttpError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Record<string, string>;
  constructor(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
    super(String(body.error));
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

const notFound = () => new HttpError(404, { error: "RecordNotFound", description: "Not found" });
const invalid = (description: string) => new HttpError(400, { error: "InvalidValue", description });

export async function startFakeZendesk(opts: FakeZendeskOptions = {}): Promise<FakeZendesk> {
  const dataset = new Dataset(opts);
  const email = opts.email ?? "admin@acme.example";
  const token = opts.token ?? "fake-zendesk-token-6f1d";
  const expectedAuth = `Basic ${Buffer.from(`${email}/token:${token}`).toString("base64")}`;
  const requests: Record<string, number> = {};
  const responses: Record<number, number> = {};
  let count = 0;
  let rateLimit = opts.rateLimit ?? null;
  let failEveryNth = opts.failEveryNth ?? null;
  let killAt: number | null = null;
  const windows = { all: { start: 0, n: 0 }, incremental: { start: 0, n: 0 } };
  const sockets = new Set<Socket>();

  const server = http.createServer((req, res) => {
    count++;
    const url = new URL(req.url ?? "/", "http://fake");
    requests[url.pathname] = (requests[url.pathname] ?? 0) + 1;
    if (killAt !== null && count > killAt) {
      responses[0] = (responses[0] ?? 0) + 1;
      req.socket.destroy();
      return;
    }
    let status = 200;
    try {
      const fault = faultFor(url.pathname);
      if (rateLimit?.perMinute) {
        // Zendesk tells every answer how much of the minute's budget is left.
        res.setHeader("x-rate-limit", String(rateLimit.perMinute));
        res.setHeader("x-rate-limit-remaining", String(Math.max(0, rateLimit.perMinute - windows.all.n)));
      }
      if (fault) throw fault;
      if (url.pathname.startsWith("/attachments/token/")) {
        status = serveAttachment(url, res);
        return;
      }
      if (req.headers.authorization !== expectedAuth) {
        throw new HttpError(401, { error: "Couldn't authenticate you" });
      }
      if (req.method !== "GET") throw new HttpError(405, { error: "MethodNotAllowed" });
      send(res, 200, route(url));
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      status = error.status;
      send(res, error.status, JSON.stringify(error.body), error.headers);
    } finally {
      responses[status] = (responses[status] ?? 0) + 1;
    }
  });
  server.keepAliveTimeout = 30_000;
  server.on("connection", (s) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  });

  function faultFor(path: string): HttpError | null {
    if (rateLimit?.everyNth && count % rateLimit.everyNth === 0) return tooMany(rateLimit.retryAfterSeconds);
    if (rateLimit?.perMinute && overWindow(windows.all, rateLimit.perMinute)) {
      return tooMany(secondsLeft(windows.all));
    }
    if (rateLimit?.incrementalPerMinute && path.startsWith("/api/v2/incremental/")) {
      if (overWindow(windows.incremental, rateLimit.incrementalPerMinute))
        return tooMany(secondsLeft(windows.incremental));
    }
    if (failEveryNth && count % failEveryNth === 0) {
      return new HttpError(503, { error: "ServiceUnavailable", description: "Please try again" });
    }
    return null;
  }

  function route(url: URL): string {
    const p = url.pathname;
    const q = url.searchParams;
    switch (p) {
      case "/api/v2/users/me.json":
        return `{"user":${JSON.stringify(dataset.user(1))}}`;
      case "/api/v2/incremental/users/cursor.json":
        return cursorExport(url, "users", dataset.userSegments, (page) => {
          if (!(q.get("include") ?? "").split(",").includes("identities")) return "";
          return `,"identities":[${page.flatMap((u) => dataset.identities(u).map((i) => JSON.stringify(i))).join(",")}]`;
        });
      case "/api/v2/incremental/tickets/cursor.json":
        return cursorExport(
          url,
          "tickets",
          dataset.ticketSegments,
          () => "",
          (t) => q.get("exclude_deleted") === "true" && t.status === "deleted",
        );
      case "/api/v2/incremental/organizations.json":
        return timeExport(url, "organizations", dataset.orgSegments);
      case "/api/v2/incremental/ticket_events.json": {
        const withComments = (q.get("include") ?? "").split(",").includes("comment_events");
        return timeExport(url, "ticket_events", dataset.eventSegments, (e) =>
          withComments ? e : { ...e, child_events: e.child_events.filter((c) => c.event_type !== "Comment") },
        );
      }
      case "/api/v2/groups.json":
        return list(url, "groups", dataset.groups, (k) => dataset.group(k + 1));
      case "/api/v2/ticket_fields.json": {
        const fields = dataset.ticketFields();
        return list(url, "ticket_fields", fields.length, (k) => fields[k]);
      }
      case "/api/v2/user_fields.json": {
        const fields = dataset.userFields();
        return list(url, "user_fields", fields.length, (k) => fields[k]);
      }
      case "/api/v2/organization_fields.json": {
        const fields = dataset.organizationFields();
        return list(url, "organization_fields", fields.length, (k) => fields[k]);
      }
      case "/api/v2/macros.json":
        return list(url, "macros", dataset.macroCount, (k) => dataset.macro(k + 1));
      case "/api/v2/satisfaction_ratings.json":
        return list(url, "satisfaction_ratings", dataset.ratingCount, (k) => dataset.satisfactionRating(k));
    }
    const hc =
      /^\/api\/v2\/help_center\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(categories|sections|articles)\.json$/.exec(p);
    if (hc) {
      if (hc[1] === "categories")
        return list(url, "categories", dataset.hcCategoryCount, (k) => dataset.hcCategory(k + 1));
      if (hc[1] === "sections")
        return list(url, "sections", dataset.hcSectionCount, (k) => dataset.hcSection(k + 1));
      const withTranslations = (q.get("include") ?? "").split(",").includes("translations");
      return list(url, "articles", dataset.hcArticleCount, (k) => {
        const a = dataset.hcArticle(k + 1);
        if (!withTranslations) delete a.translations;
        return a;
      });
    }
    const show = /^\/api\/v2\/tickets\/(\d+)\.json$/.exec(p);
    if (show) {
      const id = Number(show[1]);
      // Archived tickets are gone from the tickets API; only exports and comments reach them.
      if (!dataset.exists(id) || dataset.isArchived(id)) throw notFound();
      const t = dataset.ticket(id);
      if (t.status === "deleted") throw notFound();
      return `{"ticket":${JSON.stringify(t)}}`;
    }
    const comments = /^\/api\/v2\/tickets\/(\d+)\/comments\.json$/.exec(p);
    if (comments) {
      const id = Number(comments[1]);
      if (!dataset.exists(id)) throw notFound();
      const all = dataset.comments(id).map((c) => {
        const { event_type: _, ...rest } = c;
        return { ...rest, type: "Comment", plain_body: c.body, audit_id: c.id - ID.comment + ID.audit };
      });
      return list(url, "comments", all.length, (k) => all[k]);
    }
    throw new HttpError(404, { error: "InvalidEndpoint", description: "Not found" });
  }

  function perPage(q: URLSearchParams, name: string, max: number, fallback: number): number {
    const raw = q.get(name);
    if (raw === null) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw invalid(`${name} must be a positive integer`);
    return Math.min(n, max);
  }

  function startTime(q: URLSearchParams): number {
    const raw = q.get("start_time");
    if (raw === null) throw invalid("start_time is required");
    const t = Number(raw);
    if (!Number.isInteger(t) || t < 0) throw invalid("start_time must be a Unix time in seconds");
    if (t > dataset.now) {
      throw new HttpError(422, {
        error: "InvalidValue",
        description: "Too recent start_time. Use a start_time older than 1 minute",
      });
    }
    return t;
  }

  function cursorExport<T>(
    url: URL,
    key: string,
    segments: Segment<T>[],
    sideload: (page: T[]) => string,
    hide: (item: T) => boolean = () => false,
  ): string {
    const q = url.searchParams;
    const size = perPage(q, "per_page", INCREMENTAL_MAX, INCREMENTAL_MAX);
    let from: Position;
    const cursor = q.get("cursor");
    if (cursor !== null) {
      const p = decodeCursor(cursor);
      if (!p || p.seg >= segments.length || p.pos > (segments[p.seg] as Segment<T>).length) {
        throw new HttpError(400, { error: "InvalidPaginationParameter", description: "cursor is invalid" });
      }
      from = p;
    } else {
      from = seek(segments, startTime(q));
    }
    const page = read(segments, from, size);
    const items = page.items.filter((i) => !hide(i));
    const after = encodeCursor(page.next);
    const before = encodeCursor(from);
    const base = `${fake.url}${url.pathname}`;
    const extra = [...q].filter(([k]) => k === "per_page" || k === "include" || k === "exclude_deleted");
    const link = (c: string) => `${base}?${new URLSearchParams([...extra, ["cursor", c]])}`;
    return (
      `{"${key}":[${items.map((i) => JSON.stringify(i)).join(",")}]${sideload(items)}` +
      `,"after_url":${JSON.stringify(link(after))},"after_cursor":"${after}"` +
      `,"before_url":${JSON.stringify(link(before))},"before_cursor":"${before}"` +
      `,"end_of_stream":${page.exhausted}}`
    );
  }

  function timeExport<T>(
    url: URL,
    key: string,
    segments: Segment<T>[],
    shape: (item: T) => unknown = (i) => i,
  ): string {
    const q = url.searchParams;
    const size = perPage(q, "per_page", INCREMENTAL_MAX, INCREMENTAL_MAX);
    const start = startTime(q);
    const page = readSince(segments, start, size);
    const endTime = page.endTime;
    const extra = [...q].filter(([k]) => k !== "start_time");
    const next = `${fake.url}${url.pathname}?${new URLSearchParams([...extra, ["start_time", String(endTime)]])}`;
    return (
      `{"${key}":[${page.items.map((i) => JSON.stringify(shape(i))).join(",")}]` +
      `,"next_page":${JSON.stringify(next)},"count":${page.items.length},"end_time":${endTime}` +
      `,"end_of_stream":${page.exhausted}}`
    );
  }

  /** Cursor pagination (page[size]) or, without it, offset pagination, over items 0…total-1. */
  function list(url: URL, key: string, total: number, at: (k: number) => unknown): string {
    const q = url.searchParams;
    const base = `${fake.url}${url.pathname}`;
    if (q.has("page[size]") || q.has("page[after]") || q.has("page[before]")) {
      const size = perPage(q, "page[size]", LIST_MAX, LIST_MAX);
      let from = 0;
      const after = q.get("page[after]");
      if (after !== null) {
        const p = decodeCursor(after);
        if (p === null || p.seg !== 0 || p.pos > total) {
          throw new HttpError(400, {
            error: "InvalidPaginationParameter",
            description: "page[after] is invalid",
          });
        }
        from = p.pos;
      }
      const to = Math.min(total, from + size);
      const items: string[] = [];
      for (let k = from; k < to; k++) items.push(JSON.stringify(at(k)));
      const hasMore = to < total;
      const afterCursor = items.length > 0 ? encodeCursor({ seg: 0, pos: to }) : null;
      const beforeCursor = items.length > 0 ? encodeCursor({ seg: 0, pos: from }) : null;
      const keep = [...q].filter(([k]) => !k.startsWith("page["));
      const link = (name: string, c: string | null) =>
        c === null
          ? null
          : `${base}?${new URLSearchParams([...keep, ["page[size]", String(size)], [name, c]])}`;
      return (
        `{"${key}":[${items.join(",")}],"meta":${JSON.stringify({ has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor })}` +
        `,"links":${JSON.stringify({ prev: from > 0 ? link("page[before]", beforeCursor) : null, next: hasMore ? link("page[after]", afterCursor) : null })}}`
      );
    }
    const size = perPage(q, "per_page", LIST_MAX, LIST_MAX);
    const page = perPage(q, "page", Number.MAX_SAFE_INTEGER, 1);
    const from = (page - 1) * size;
    const to = Math.min(total, from + size);
    const items: string[] = [];
    for (let k = from; k < to; k++) items.push(JSON.stringify(at(k)));
    const link = (n: number) => `${base}?${new URLSearchParams({ page: String(n), per_page: String(size) })}`;
    return (
      `{"${key}":[${items.join(",")}],"next_page":${to < total ? JSON.stringify(link(page + 1)) : null}` +
      `,"previous_page":${page > 1 ? JSON.stringify(link(page - 1)) : null},"count":${total}}`
    );
  }

  function serveAttachment(url: URL, res: http.ServerResponse): number {
    const m = /^\/attachments\/token\/([^/]+)\/?$/.exec(url.pathname);
    const att = m ? dataset.attachmentByToken(m[1] as string) : null;
    if (!att) throw notFound();
    res.writeHead(200, {
      "content-type": att.type,
      "content-length": String(att.size),
      "content-disposition": `attachment; filename="${att.name}"`,
    });
    attachmentStream(dataset.seed, att.event, att.type, att.size).pipe(res);
    return 200;
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  dataset.baseUrl = url;

  const fake: FakeZendesk = {
    url,
    email,
    token,
    dataset,
    requests,
    responses,
    totalRequests: () => count,
    setRateLimit: (limit) => {
      rateLimit = limit;
    },
    setFailEveryNth: (n) => {
      failEveryNth = n;
    },
    killAfterRequests: (n) => {
      killAt = count + n;
    },
    reset: () => {
      rateLimit = null;
      failEveryNth = null;
      killAt = null;
    },
    advance: (input) => dataset.advance(input),
    updatableTicketIds: (n) => dataset.updatableTicketIds(n),
    expected: () => expectedOf(dataset),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;

  function tooMany(seconds: number): HttpError {
    return new HttpError(
      429,
      { error: "APIRateLimitExceeded", description: "Number of allowed API requests per minute exceeded" },
      { "retry-after": String(Math.max(1, Math.ceil(seconds))) },
    );
  }
}

function overWindow(w: { start: number; n: number }, max: number): boolean {
  const now = Date.now();
  if (now - w.start >= 60_000) {
    w.start = now;
    w.n = 0;
  }
  w.n++;
  return w.n > max;
}

function secondsLeft(w: { start: number }): number {
  return (w.start + 60_000 - Date.now()) / 1000;
}

function send(
  res: http.ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}
