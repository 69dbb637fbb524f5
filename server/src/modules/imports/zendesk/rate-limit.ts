/**
 * Request pacing for the Zendesk client (issue #24). Zendesk counts requests per minute per
 * account (400 on most plans, and 10 a minute on the incremental export endpoints); going over
 * earns 429s and, when repeated, a longer lock-out. So the client spaces its requests evenly
 * instead of bursting and then waiting: a request may start only `60 s / perMinute` after the
 * previous one, which keeps every sliding minute under the cap. Waiting is a timer, never a
 * busy loop, and callers that arrive together each reserve their own slot.
 */
export class RequestSpacer {
  private readonly intervalMs: number;
  /** When the next request may start (ms, performance.now's clock). */
  private nextAt = 0;

  constructor(perMinute: number) {
    if (!(perMinute > 0)) throw new RangeError("a request rate must be above 0 per minute");
    this.intervalMs = 60_000 / perMinute;
  }

  /** Resolves when a request may start; the slot is reserved at once, so concurrent callers queue. */
  async acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const now = performance.now();
    const at = Math.max(now, this.nextAt);
    this.nextAt = at + this.intervalMs;
    if (at > now) await sleep(at - now, signal);
  }
}

/** A timer that an AbortSignal cuts short (rejecting with the signal's reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * How long a 429 asks us to wait: Retry-After in seconds (what Zendesk sends) or an HTTP date,
 * capped so a hostile or broken server cannot park the import for a day. Without the header,
 * one minute: Zendesk's limits are per minute.
 */
export function retryAfterMs(header: string | null, capMs: number, now = Date.now()): number {
  let ms = 60_000;
  if (header !== null && header.trim() !== "") {
    const value = header.trim();
    if (/^\d+(\.\d+)?$/.test(value)) ms = Number(value) * 1000;
    else {
      const date = Date.parse(value);
      if (!Number.isNaN(date)) ms = Math.max(0, date - now);
    }
  }
  return Math.min(ms, capMs);
}

/** Exponential backoff with jitter: attempt 1 waits base/2..base, attempt 2 base..2×base, … up to max. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  // Never below half the ceiling: a retry that fires at once would hit the same outage.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
