import type { Logger } from "pino";
import {
  type PinnedInit,
  pinnedFetch,
  RefusedDestination,
  type Resolver,
} from "../../../platform/outbound/pinned-fetch.ts";
import { backoffMs, type RequestSpacer, retryAfterMs, sleep } from "./rate-limit.ts";

/**
 * One GET to Zendesk with everything around it: the pinned connection (the base URL and
 * attachment URLs are typed by an admin, so the webhook private-address rules apply), the
 * request rate, a timeout, 429 + Retry-After, retries with backoff for 5xx and network
 * failures, and errors that name the resource and path but never carry a secret.
 */

export type FetchLike = (url: string, init: PinnedInit) => Promise<Response>;
export type ClientLog = Pick<Logger, "info" | "warn">;

export interface HttpSettings {
  log: ClientLog;
  fetch: FetchLike;
  /** Values that must never leave this module in an error or a log line. */
  secrets: string[];
  timeoutMs: number;
  /** Tries for a 5xx or a network failure, the first one included. */
  attempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** The longest Retry-After honoured as given. */
  retryAfterCapMs: number;
  /** 429s in a row before giving up (each waits Retry-After). */
  max429: number;
  signal?: AbortSignal;
}

export function defaultFetch(allowPrivate: boolean, resolve?: Resolver): FetchLike {
  return (url, init) => pinnedFetch(url, init, { allowPrivate, ...(resolve ? { resolve } : {}) });
}

/** The run cannot go on with this resource; resumable from the last checkpoint. */
export class ZendeskError extends Error {
  override name = "ZendeskError";
  /** Zendesk's HTTP status; null for a network failure or a refused address. */
  readonly status: number | null;
  readonly resource: string;
  /** The path, without the query. */
  readonly path: string;
  constructor(message: string, status: number | null, resource: string, path: string) {
    super(message);
    this.status = status;
    this.resource = resource;
    this.path = path;
  }
}

/** An attachment bigger than the limit (the writer skips it and reports why). */
export class AttachmentTooLarge extends Error {
  override name = "AttachmentTooLarge";
  readonly maxBytes: number;
  constructor(maxBytes: number) {
    super(`The attachment is larger than the ${maxBytes}-byte size limit`);
    this.maxBytes = maxBytes;
  }
}

export function scrub(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.replaceAll(secret, "[redacted]");
  return out;
}

/** What one try produced: a value, or a response to retry (5xx) or to wait on (429). */
export type Outcome<T> =
  | { done: T }
  /** A 5xx; Zendesk sends Retry-After with a 503 during maintenance. */
  | { retry: string; status: number; retryAfter?: string | null }
  | { wait429: string | null };

/**
 * Runs `attempt` until it gives a value, honouring the rate (every try takes a slot on each
 * spacer), 429s and retries. `attempt` gets the response of a GET and decides; it may read the
 * body, and a network error while reading is retried like one while connecting.
 */
export async function getWithRetries<T>(
  settings: HttpSettings,
  what: { resource: string; url: URL; headers: Record<string, string>; spacers: RequestSpacer[] },
  attempt: (res: Response, signal: AbortSignal) => Promise<Outcome<T>>,
): Promise<T> {
  const { log, secrets } = settings;
  // A redirect chosen by the server could put anything in the path, even what it was sent.
  const path = scrub(what.url.pathname, secrets);
  const where = `${what.resource} (GET ${path})`;
  let failures = 0;
  let status: number | null = null;
  let waits = 0;
  let asked: string | null = null;
  for (;;) {
    for (const spacer of what.spacers) await spacer.acquire(settings.signal);
    const timeout = AbortSignal.timeout(settings.timeoutMs);
    const signal = settings.signal ? AbortSignal.any([settings.signal, timeout]) : timeout;
    let reason: string;
    try {
      const res = await settings.fetch(what.url.href, { method: "GET", headers: what.headers, signal });
      const outcome = await attempt(res, signal);
      if ("done" in outcome) return outcome.done;
      if ("wait429" in outcome) {
        waits++;
        if (waits > settings.max429)
          throw new ZendeskError(
            `Zendesk kept answering 429 (too many requests) for ${where}`,
            429,
            what.resource,
            path,
          );
        const ms = retryAfterMs(outcome.wait429, settings.retryAfterCapMs);
        log.info(
          { resource: what.resource, path, waitMs: ms },
          "Zendesk rate limit: waiting as Retry-After asks",
        );
        await sleep(ms, settings.signal);
        continue;
      }
      reason = outcome.retry;
      status = outcome.status;
      asked = outcome.retryAfter ?? null;
    } catch (err) {
      if (err instanceof ZendeskError || err instanceof AttachmentTooLarge) throw err;
      if (settings.signal?.aborted) throw settings.signal.reason;
      if (err instanceof RefusedDestination)
        throw new ZendeskError(
          `Rapport may not connect to ${scrub(err.message, secrets)} for ${where}; set WEBHOOK_ALLOW_PRIVATE=true to allow it`,
          null,
          what.resource,
          path,
        );
      reason = scrub(networkReason(err), secrets);
      status = null;
      asked = null;
    }
    waits = 0;
    failures++;
    if (failures >= settings.attempts)
      throw new ZendeskError(
        `Zendesk failed ${failures} times for ${where}: ${reason}`,
        status,
        what.resource,
        path,
      );
    const backoff = backoffMs(failures, settings.backoffBaseMs, settings.backoffMaxMs);
    const ms = asked ? Math.max(backoff, retryAfterMs(asked, settings.retryAfterCapMs)) : backoff;
    log.warn(
      { resource: what.resource, path, attempt: failures, waitMs: ms, reason },
      "Zendesk request failed; retrying",
    );
    await sleep(ms, settings.signal);
  }
}

/** A short, secret-free account of a network failure (fetch's TypeError hides it in `cause`). */
function networkReason(err: unknown): string {
  if (!(err instanceof Error)) return "the request failed";
  if (err.name === "TimeoutError") return "no answer before the time limit";
  const cause = (err as { cause?: unknown }).cause;
  const code = (cause as { code?: unknown } | undefined)?.code ?? (err as { code?: unknown }).code;
  const message = cause instanceof Error ? cause.message : err.message;
  return typeof code === "string" ? `${code} (${message})` : message;
}

/**
 * Reads a body up to `maxBytes`, cancelling the transfer as soon as it goes past (a stated
 * Content-Length above the limit refuses before reading anything).
 */
export async function readCapped(res: Response, maxBytes: number, tooBig: () => Error): Promise<Buffer> {
  const stated = Number(res.headers.get("content-length"));
  if (Number.isFinite(stated) && stated > maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw tooBig();
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooBig();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** Zendesk's error text from a 4xx body: `{error}`, `{error:{title,message}}`, `{description}`, `{errors:[…]}`. */
export async function zendeskErrorText(res: Response, secrets: string[]): Promise<string> {
  let raw = "";
  try {
    raw = (await readCapped(res, 16_384, () => new Error("too long"))).toString("utf8");
  } catch {
    return "";
  }
  let text = raw;
  try {
    const body = JSON.parse(raw) as Record<string, unknown>;
    const parts: string[] = [];
    const collect = (v: unknown) => {
      if (typeof v === "string") parts.push(v);
      else if (v && typeof v === "object")
        for (const key of ["title", "message", "detail", "description"])
          collect((v as Record<string, unknown>)[key]);
    };
    collect(body.error);
    collect(body.description);
    if (Array.isArray(body.errors)) for (const e of body.errors) collect(e);
    if (typeof body.details === "object") parts.push(JSON.stringify(body.details));
    text = parts.join(": ");
  } catch {
    // Not JSON (an HTML error page): keep the text, tags stripped.
    text = raw.replace(/<[^>]*>/g, " ");
  }
  return scrub(text.replace(/\s+/g, " ").trim().slice(0, 300), secrets);
}

/** Drains a body we do not read, so the connection is released. */
export async function discard(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => {});
}
