import type { FastifyReply } from "fastify";
import { AppError } from "../../platform/http/errors.ts";

/**
 * The widget is public, so what one browser or one address can do is limited: sessions per IP,
 * and messages (HTTP and socket alike, counted together) per visitor and per IP. Fixed windows in
 * this process's memory, like the API's other rate limits; a refusal is 429 with Retry-After
 * and says which limit was hit.
 */
export class WindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  readonly max: number;
  readonly windowMs: number;

  constructor(max: number, windowMs: number) {
    this.max = max;
    this.windowMs = windowMs;
  }

  /** Counts one use; returns the seconds to wait when over the limit, else 0. */
  hit(key: string, now = Date.now()): number {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      // Old windows are dropped wholesale when the map grows: an attacker's many keys cost memory once.
      if (this.windows.size > 100_000) this.windows.clear();
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    return w.count > this.max ? Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)) : 0;
  }

  reset(): void {
    this.windows.clear();
  }
}

const MINUTE = 60_000;
/** Exported so a bench on loopback (one IP for a thousand visitors) can lift the per-IP limits. */
export const chatLimits = {
  sessionsPerIp: new WindowLimiter(60, MINUTE),
  messagesPerVisitor: new WindowLimiter(30, MINUTE),
  messagesPerIp: new WindowLimiter(300, MINUTE),
  /** Typing, read and page frames: each is a NOTIFY, so a flood is dropped quietly past this. */
  signalsPerVisitor: new WindowLimiter(120, MINUTE),
};

export class RateLimited extends AppError {
  readonly retryAfter: number;
  constructor(message: string, retryAfter: number) {
    super("rate_limited", `${message}; try again in ${retryAfter} s`);
    this.retryAfter = retryAfter;
  }
}

function check(limiter: WindowLimiter, key: string, what: string) {
  const wait = limiter.hit(key);
  if (wait > 0) throw new RateLimited(`${what} (at most ${limiter.max} a minute)`, wait);
}

export function limitSession(ip: string) {
  check(chatLimits.sessionsPerIp, ip, "Too many widget sessions from this address");
}

export function limitMessage(visitorId: string, ip: string) {
  check(chatLimits.messagesPerVisitor, visitorId, "Too many messages from this visitor");
  check(chatLimits.messagesPerIp, ip, "Too many chat messages from this address");
}

/** Runs a limit inside a route, adding Retry-After to the 429 it answers with. */
export function withRetryAfter(reply: FastifyReply, limit: () => void) {
  try {
    limit();
  } catch (err) {
    if (err instanceof RateLimited) reply.header("retry-after", String(err.retryAfter));
    throw err;
  }
}
