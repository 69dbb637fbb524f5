import type { Logger } from "pino";
import type { ZendeskSource } from "./resources.ts";

export interface SourceOptions {
  baseUrl: string;
  email: string;
  token: string;
  log: Logger;
  requestsPerMinute?: number | undefined;
}

/** The HTTP client for a run (client.ts). */
export function makeSource(_options: SourceOptions): ZendeskSource {
  throw new Error("the Zendesk HTTP client is not wired in yet");
}
