import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { otherWorkspace, setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { signWebhook } from "../webhooks/sign.ts";
import { deliverAuditStreams } from "./stream.service.ts";

/**
 * Streaming the audit log to a SIEM (issue #23) against a receiver on loopback started here:
 * records arrive once each, in chain order, signed like webhooks and carrying their hashes; an
 * endpoint that fails gets the same records again later and nothing is skipped; only admins
 * set it up, and the secret is shown once.
 */
type Line = { workspaceId: string; seq: number; action: string; prevHash: string; hash: string };
type Received = { lines: Line[]; headers: http.IncomingHttpHeaders; body: string };

let server: TestServer;
let admin: TestClient;
let workspaceId: string;
let receiver: http.Server;
let url: string;
const received: Received[] = [];
let failNext = 0;

before(async () => {
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
        return;
      }
      const lines = body
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Line);
      received.push({ lines, headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/siem`;
  server = await startTestServer({ env: { WEBHOOK_ALLOW_PRIVATE: "true" } });
  ({ admin, workspaceId } = await setUpWorkspace(server));
});
after(async () => {
  await server.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const linesOf = () => received.flatMap((r) => r.lines).filter((l) => l.workspaceId === workspaceId);
const sweep = () => deliverAuditStreams(server.runtime.ctx);

test("bad input names the field; agents may not see or change the stream", async () => {
  for (const [body, field] of [
    [{ url: "ftp://x.example" }, "url"],
    [{ url: url, enabled: "yes" }, "enabled"],
    [{ url: url, extra: 1 }, null],
  ] as const) {
    const res = await admin.put("/api/v1/audit/stream", body);
    assert.equal(res.status, 400, JSON.stringify(res.body));
    if (field) assert.equal(res.body.error.field, field);
  }
  assert.equal((await admin.get("/api/v1/audit/stream")).status, 404, "none set up yet");
  const agent = (await staffClient(server, "agent")).client;
  assert.equal((await agent.get("/api/v1/audit/stream")).status, 403);
  assert.equal((await agent.put("/api/v1/audit/stream", { url })).status, 403);
});

test("records reach the SIEM once each, in chain order, signed and with their hashes", async () => {
  const made = await admin.put("/api/v1/audit/stream", { url, includeHistory: true });
  assert.equal(made.status, 200, JSON.stringify(made.body));
  const secret = made.body.secret as string;
  assert.match(secret, /^audsec_/, "the secret is shown when the stream is made");
  const stored = await server.runtime.ctx.pool.query("select secret_sealed from audit_streams");
  assert.ok(!String(stored.rows[0].secret_sealed).includes(secret), "sealed at rest");
  assert.equal((await admin.get("/api/v1/audit/stream")).body.secret, undefined, "and never again");

  // More records: a settings change and a token.
  await admin.patch("/api/v1/workspace", { name: "Streamed Ltd" });
  await admin.post("/api/v1/tokens", { name: "SIEM check" });
  await sweep();
  const lines = linesOf();
  assert.ok(lines.length >= 4, `history and new records: ${lines.length}`);
  assert.deepEqual(
    lines.map((l) => l.seq),
    lines.map((_, i) => i + 1),
    "every record from the first, in order, none twice",
  );
  for (let i = 1; i < lines.length; i++)
    assert.equal(lines[i]?.prevHash, lines[i - 1]?.hash, "each line chains to the one before");
  assert.ok(lines.some((l) => l.action === "audit_stream.created"));
  assert.ok(lines.some((l) => l.action === "workspace.updated"));
  // The receiver can check the signature exactly as for webhooks.
  const first = received[0] as Received;
  const ts = String(first.headers["x-rapport-timestamp"]);
  assert.equal(first.headers["x-rapport-signature"], signWebhook(secret, ts, first.body));
  assert.equal(first.headers["x-rapport-event"], "audit.records");
  // Nothing new: the next sweep sends nothing.
  const before = received.length;
  await sweep();
  assert.equal(received.length, before);
  const view = (await admin.get("/api/v1/audit/stream")).body;
  assert.equal(view.deliveredSeq, view.headSeq, "caught up");
  assert.equal(view.lastError, null);
  // Hashes are SHA-256 hex, what `audit verify` recomputes.
  assert.match(lines[0]?.hash ?? "", /^[0-9a-f]{64}$/);
  assert.notEqual(lines[0]?.hash, createHash("sha256").update("").digest("hex"));
});

test("an endpoint that fails gets the same records again later, and nothing is skipped", async () => {
  const seen = linesOf().length;
  await admin.post("/api/v1/tokens", { name: "While the SIEM is down" });
  failNext = 1;
  await sweep();
  let view = (await admin.get("/api/v1/audit/stream")).body;
  assert.equal(view.lastError, "HTTP 503");
  assert.ok(view.deliveredSeq < view.headSeq, "the cursor did not move");
  assert.equal(linesOf().length, seen, "nothing was counted as received");
  // Sending now (as from the screen) retries; the records arrive, in order, once.
  const now = await admin.post("/api/v1/audit/stream/deliver");
  assert.equal(now.status, 200, JSON.stringify(now.body));
  view = now.body;
  assert.equal(view.lastError, null);
  assert.equal(view.deliveredSeq, view.headSeq);
  const seqs = linesOf().map((l) => l.seq);
  assert.deepEqual(
    seqs,
    seqs.map((_, i) => i + 1),
  );
});

test("a paused stream sends nothing; another workspace's records never go to this endpoint", async () => {
  const paused = await admin.put("/api/v1/audit/stream", { url, enabled: false });
  assert.equal(paused.status, 200, JSON.stringify(paused.body));
  assert.equal(paused.body.secret, undefined, "the secret is kept unless a new one is asked for");
  const count = received.length;
  await admin.post("/api/v1/tokens", { name: "While paused" });
  const other = await otherWorkspace(server);
  await other.client.post("/api/v1/tokens", { name: "Elsewhere" });
  await sweep();
  assert.equal(received.length, count);
  const gone = await admin.delete("/api/v1/audit/stream");
  assert.equal(gone.status, 204);
  assert.equal((await admin.get("/api/v1/audit/stream")).status, 404);
  const workspaces = new Set(received.flatMap((r) => r.lines.map((l) => l.workspaceId)));
  assert.deepEqual([...workspaces], [workspaceId]);
});
