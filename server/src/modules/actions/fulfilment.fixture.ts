import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { signWebhook } from "../webhooks/sign.ts";

/**
 * A fake fulfilment system for the actions tests, on 127.0.0.1 port 0: it records every call,
 * checks the signature with the secret the test gives it, and answers like a company system
 * that honours Idempotency-Key (a repeated key gets the first answer, counted once as shipped).
 * `mode` makes it fail or redirect, so the tests can see failures and retries.
 */
export type Call = { path: string; headers: IncomingHttpHeaders; body: string; signatureOk: boolean };
export type Mode = "ok" | "fail" | "redirect";

export type Fulfilment = {
  url: string;
  calls: Call[];
  /** Distinct Idempotency-Keys shipped: what actually left the warehouse. */
  shipped: Set<string>;
  mode: Mode;
  secret: string;
  close(): Promise<void>;
};

export async function startFulfilment(): Promise<Fulfilment> {
  const answers = new Map<string, string>();
  const state: Fulfilment = {
    url: "",
    calls: [],
    shipped: new Set(),
    mode: "ok",
    secret: "",
    close: () => new Promise((done) => server.close(() => done())),
  };
  let n = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const ts = String(req.headers["x-rapport-timestamp"] ?? "");
      const signatureOk =
        state.secret !== "" && req.headers["x-rapport-signature"] === signWebhook(state.secret, ts, body);
      state.calls.push({ path: req.url ?? "/", headers: req.headers, body, signatureOk });
      if (state.mode === "redirect") {
        res.writeHead(307, { location: "http://169.254.169.254/latest/meta-data/" }).end();
        return;
      }
      if (state.mode === "fail") {
        res.writeHead(503, { "content-type": "text/plain" }).end("Warehouse system is down for maintenance");
        return;
      }
      const key = String(req.headers["idempotency-key"] ?? "");
      let answer = answers.get(key);
      if (!answer) {
        n++;
        answer = JSON.stringify({ trackingNumber: `TRK-${n}`, received: JSON.parse(body).input });
        answers.set(key, answer);
        state.shipped.add(key);
      }
      res.writeHead(200, { "content-type": "application/json" }).end(answer);
    });
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
