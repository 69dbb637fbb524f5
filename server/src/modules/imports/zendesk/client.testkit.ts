import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { createZendeskClient, type ZendeskClientOptions } from "./client.ts";

/**
 * What the client tests share: a tiny HTTP server on 127.0.0.1 whose answers each test
 * scripts (the client must work against Zendesk's documented shapes, not against the fake
 * server's choices), and a client whose log lines are captured.
 */
export interface Scripted {
  url: string;
  requests: Array<{ url: URL; authorization: string | undefined }>;
  close(): Promise<void>;
}

export type Script = (url: URL, req: IncomingMessage, res: ServerResponse) => void;

export async function scriptedServer(script: Script): Promise<Scripted> {
  const requests: Scripted["requests"] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push({ url, authorization: req.headers.authorization });
    script(url, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

export const EMAIL = "admin@acme.test";
/** Distinctive, so a leak anywhere is found by a plain substring search. */
export const TOKEN = "zdTOKEN-s3cr3t-6f1d9a2b7c";
export const CREDENTIAL = Buffer.from(`${EMAIL}/token:${TOKEN}`).toString("base64");

/** A client for `server` with fast retries, unlimited pace and captured logs. */
export function testClient(server: Scripted, overrides: Partial<ZendeskClientOptions> = {}) {
  const logs: string[] = [];
  const log = pino({ level: "debug" }, { write: (line: string) => logs.push(line) });
  const client = createZendeskClient({
    baseUrl: server.url,
    email: EMAIL,
    token: TOKEN,
    requestsPerMinute: 1_000_000,
    incrementalPerMinute: 1_000_000,
    log,
    allowPrivate: true,
    retry: { attempts: 4, backoffBaseMs: 10, backoffMaxMs: 40 },
    ...overrides,
  });
  return { client, logs };
}

/** Every page of a resource, as the pipeline would read them. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
