import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { TestClient } from "../../test/client.ts";
import { customerClient, setUpWorkspace } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/harness.ts";

let open: TestServer;
let guarded: TestServer;
before(async () => {
  open = await startTestServer();
  guarded = await startTestServer({ env: { METRICS_TOKEN: "metrics-secret-0123456789" } });
});
after(async () => {
  await open.close();
  await guarded.close();
});

test("loopback clients read Prometheus metrics: latency by route, job queues, the pool", async () => {
  await setUpWorkspace(open);
  await customerClient(open); // puts a mail job through the queue
  const res = await new TestClient(open.url).get("/metrics");
  assert.equal(res.status, 200);
  const text = res.body as string;
  assert.match(text, /rapport_http_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/setup"/);
  assert.match(text, /rapport_job_queue_depth\{queue="mail.send"\} \d+/);
  assert.match(text, /rapport_jobs_failed\{queue="mail.send"\} 0/);
  assert.match(text, /rapport_db_pool_connections\{state="total"\} \d+/);
});

test("with METRICS_TOKEN set, metrics need that token", async () => {
  const c = new TestClient(guarded.url);
  assert.equal((await c.get("/metrics")).status, 403);
  assert.equal((await c.get("/metrics", { authorization: "Bearer wrong-token-value-123" })).status, 403);
  const ok = await c.get("/metrics", { authorization: "Bearer metrics-secret-0123456789" });
  assert.equal(ok.status, 200);
  assert.match(ok.body as string, /rapport_http_request_duration_seconds/);
});
