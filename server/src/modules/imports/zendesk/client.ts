import type { Resolver } from "../../../platform/outbound/pinned-fetch.ts";
import {
  AttachmentTooLarge,
  type ClientLog,
  defaultFetch,
  discard,
  type FetchLike,
  getWithRetries,
  type HttpSettings,
  type Outcome,
  readCapped,
  scrub,
  ZendeskError,
  zendeskErrorText,
} from "./client-http.ts";
import { ENDPOINTS, LIST_PAGE_MAX, pageUrl, readPage } from "./paging.ts";
import { RequestSpacer } from "./rate-limit.ts";
import type { Page, ResourceName, ZendeskSource } from "./resources.ts";

export { AttachmentTooLarge, ZendeskError } from "./client-http.ts";
export { MALFORMED_SIDELOAD, ZendeskPageError } from "./paging.ts";

export interface ZendeskClientOptions {
  /** "https://acme.zendesk.com", or a Zendesk-compatible server (the fake one in tests). */
  baseUrl: string;
  email: string;
  token: string;
  /** Cap on all API requests (Zendesk's plan limit; default 400). */
  requestsPerMinute?: number;
  /** Cap on the incremental export endpoints (Zendesk allows 10 a minute; default 10). */
  incrementalPerMinute?: number;
  /** page[size] of lists (at most 100) and per_page of incremental exports (at most 1000). */
  perPage?: number;
  log: ClientLog;
  /** Replaces the pinned fetch (tests); the private-address rules are then the caller's. */
  fetchImpl?: FetchLike;
  /** WEBHOOK_ALLOW_PRIVATE: loopback and private addresses may be reached (still pinned). */
  allowPrivate?: boolean;
  /** DNS for the pinned fetch (tests). */
  resolve?: Resolver;
  /** Aborts waits and requests in flight (the run was cancelled). */
  signal?: AbortSignal;
  timeoutMs?: number;
  retry?: {
    attempts?: number;
    backoffBaseMs?: number;
    backoffMaxMs?: number;
    retryAfterCapMs?: number;
    max429?: number;
  };
  /** The largest API response read (a ticket-events page with 200 kB comments is big). */
  maxPageBytes?: number;
}

const MAX_REDIRECTS = 5;

/**
 * The Zendesk REST API v2 as a ZendeskSource (issue #24): pages of every resource in the order
 * and paging Zendesk documents (paging.ts), paced under the account's request caps, retried
 * through 429s, 5xx and dropped connections, and attachment downloads with a size cap.
 *
 * Memory: one page is parsed at a time, plus the next one being fetched while the caller
 * writes the current one (the HTTP wait overlaps the database's work). Nothing accumulates.
 *
 * The token lives only in this closure's Authorization header. It is sent only to the base
 * URL's origin, and every error and log line is built here from scrubbed text, so neither can
 * carry it.
 */
export function createZendeskClient(options: ZendeskClientOptions): ZendeskSource {
  const base = new URL(options.baseUrl);
  if (base.protocol !== "https:" && base.protocol !== "http:")
    throw new TypeError("The Zendesk URL must start with https://");
  const origin = base.origin;
  const basePath = base.pathname.replace(/\/+$/, "");
  const credential = Buffer.from(`${options.email}/token:${options.token}`).toString("base64");
  const authHeaders = { authorization: `Basic ${credential}`, accept: "application/json" };
  const retry = options.retry ?? {};
  const settings: HttpSettings = {
    log: options.log,
    fetch: options.fetchImpl ?? defaultFetch(options.allowPrivate ?? false, options.resolve),
    secrets: [options.token, credential, `${options.email}/token:${options.token}`],
    timeoutMs: options.timeoutMs ?? 60_000,
    attempts: retry.attempts ?? 6,
    backoffBaseMs: retry.backoffBaseMs ?? 1_000,
    backoffMaxMs: retry.backoffMaxMs ?? 60_000,
    retryAfterCapMs: retry.retryAfterCapMs ?? 120_000,
    max429: retry.max429 ?? 30,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const overall = new RequestSpacer(options.requestsPerMinute ?? 400);
  const incremental = new RequestSpacer(options.incrementalPerMinute ?? 10);
  const size = {
    list: options.perPage ?? LIST_PAGE_MAX,
    ...(options.perPage !== undefined ? { incremental: options.perPage } : {}),
  };
  const maxPageBytes = options.maxPageBytes ?? 256 * 1024 * 1024;

  async function getPage<R extends ResourceName>(
    resource: R,
    checkpoint: string | null,
    since: Date | null,
    signal: AbortSignal,
  ): Promise<Page<R>> {
    const endpoint = ENDPOINTS[resource];
    const url = new URL(`${basePath}${pageUrl(endpoint, checkpoint, since, size)}`, origin);
    const spacers = endpoint.kind === "list" ? [overall] : [overall, incremental];
    const body = await getWithRetries(
      { ...settings, signal },
      { resource, url, headers: authHeaders, spacers },
      async (res): Promise<Outcome<unknown>> => {
        if (res.status === 429) {
          await discard(res);
          return { wait429: res.headers.get("retry-after") };
        }
        if (res.status >= 500) {
          await discard(res);
          return {
            retry: `HTTP ${res.status}`,
            status: res.status,
            retryAfter: res.headers.get("retry-after"),
          };
        }
        if (res.status !== 200) throw await refusal(resource, url, res);
        const bytes = await readCapped(
          res,
          maxPageBytes,
          () =>
            new ZendeskError(
              `Zendesk's ${resource} page is larger than ${maxPageBytes} bytes`,
              200,
              resource,
              url.pathname,
            ),
        );
        try {
          return { done: JSON.parse(bytes.toString("utf8")) as unknown };
        } catch {
          throw new ZendeskError(
            `Zendesk's ${resource} page is not JSON (GET ${url.pathname})`,
            200,
            resource,
            url.pathname,
          );
        }
      },
    );
    return readPage(resource, endpoint, body, checkpoint);
  }

  /** A 3xx or 4xx other than 429: retrying will not help; say what Zendesk said. */
  async function refusal(resource: string, url: URL, res: Response): Promise<ZendeskError> {
    const text = await zendeskErrorText(res, settings.secrets);
    const path = scrub(url.pathname, settings.secrets);
    const where = `${resource} (GET ${path})`;
    const said = text ? `: ${text}` : "";
    const message =
      res.status === 401
        ? `Zendesk refused the email or API token (401 for ${where})${said}`
        : res.status === 403
          ? `Zendesk refused access to ${where} (403; the account may lack the permission or the feature)${said}`
          : res.status === 404
            ? `Zendesk has no ${where} (404; check the URL)${said}`
            : res.status >= 300 && res.status < 400
              ? `Zendesk answered ${where} with a redirect (${res.status}); check the URL`
              : `Zendesk refused ${where} (${res.status})${said}`;
    return new ZendeskError(message, res.status, resource, path);
  }

  return {
    async *pages<R extends ResourceName>(resource: R, checkpoint: string | null, since: Date | null) {
      // Aborts the page being fetched ahead when the caller stops early.
      const stop = new AbortController();
      const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
      let pending = getPage(resource, checkpoint, since, signal);
      try {
        for (;;) {
          const page = await pending;
          if (!page.endOfStream) {
            pending = getPage(resource, page.checkpoint, since, signal);
            // Its failure is seen when awaited; until then it must not count as unhandled.
            pending.catch(() => {});
          }
          yield page;
          if (page.endOfStream) return;
        }
      } finally {
        stop.abort();
      }
    },

    async download(url: string, maxBytes: number) {
      let target: URL;
      try {
        target = new URL(url, origin);
      } catch {
        throw new ZendeskError("The attachment URL is not a valid address", null, "attachments", "");
      }
      for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
        if (target.protocol !== "https:" && target.protocol !== "http:")
          throw new ZendeskError(
            `The attachment URL must be http or https, not ${target.protocol}`,
            null,
            "attachments",
            "",
          );
        if (target.username || target.password)
          throw new ZendeskError(
            "The attachment URL carries credentials",
            null,
            "attachments",
            scrub(target.pathname, settings.secrets),
          );
        const current = target;
        // Zendesk's content_url redirects to its file host: the token goes only to the account itself.
        const headers = current.origin === origin ? authHeaders : {};
        const result = await getWithRetries(
          settings,
          { resource: "attachments", url: current, headers, spacers: [] },
          async (res): Promise<Outcome<{ next: URL } | { bytes: Buffer; contentType: string | null }>> => {
            if (res.status === 429) {
              await discard(res);
              return { wait429: res.headers.get("retry-after") };
            }
            if (res.status >= 500) {
              await discard(res);
              return {
                retry: `HTTP ${res.status}`,
                status: res.status,
                retryAfter: res.headers.get("retry-after"),
              };
            }
            const location = res.headers.get("location");
            if (res.status >= 300 && res.status < 400 && location) {
              await discard(res);
              return { done: { next: new URL(location, current) } };
            }
            if (res.status !== 200) throw await refusal("attachments", current, res);
            const bytes = await readCapped(res, maxBytes, () => new AttachmentTooLarge(maxBytes));
            return { done: { bytes, contentType: res.headers.get("content-type") } };
          },
        );
        if ("bytes" in result) return result;
        target = result.next;
      }
      throw new ZendeskError(
        `The attachment redirected more than ${MAX_REDIRECTS} times`,
        null,
        "attachments",
        scrub(new URL(url, origin).pathname, settings.secrets),
      );
    },
  };
}
