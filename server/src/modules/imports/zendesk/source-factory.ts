import type { Logger } from "pino";
import { createZendeskClient } from "./client.ts";
import type { ZendeskSource } from "./resources.ts";

export interface SourceOptions {
  baseUrl: string;
  email: string;
  token: string;
  log: Logger;
  requestsPerMinute?: number | undefined;
  incrementalPerMinute?: number | undefined;
  /** WEBHOOK_ALLOW_PRIVATE: loopback and private addresses may be reached (tests). */
  allowPrivate: boolean;
  /** The run's stop: waits and requests in flight end with it. */
  signal?: AbortSignal | undefined;
}

/** The HTTP client for a run (client.ts), with the run's caps and stop. */
export function makeSource(o: SourceOptions): ZendeskSource {
  return createZendeskClient({
    baseUrl: o.baseUrl,
    email: o.email,
    token: o.token,
    log: o.log,
    allowPrivate: o.allowPrivate,
    ...(o.requestsPerMinute ? { requestsPerMinute: o.requestsPerMinute } : {}),
    ...(o.incrementalPerMinute ? { incrementalPerMinute: o.incrementalPerMinute } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
  });
}
