import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { signIn } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { loadDemo } from "../demo/demo.ts";
import { sample } from "../demo/sample.ts";

const DEMO_PASSWORD = "a-demo-password-for-tests";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test("the demo publishes the Error 1013 playbook, with a finished run and router histories; loading twice adds nothing", async () => {
  await loadDemo(server.runtime.ctx, { password: DEMO_PASSWORD });
  await loadDemo(server.runtime.ctx, { password: DEMO_PASSWORD });
  const agent = await signIn(new TestClient(server.url), sample.staff[1].email, DEMO_PASSWORD);
  const list = (await agent.get("/api/v1/playbooks")).body.items;
  assert.equal(list.length, 1);
  assert.equal(list[0].slug, "error-1013");
  assert.equal(list[0].publishedVersion, 1);

  const analytics = (await agent.get(`/api/v1/playbooks/${list[0].id}/analytics`)).body;
  assert.equal(analytics.runs, 1);
  assert.equal(analytics.escalated, 1);

  // The router's history: five snapshots over eight weeks, signal sliding from -52 to -74 dBm.
  const device = await server.runtime.ctx.db
    .selectFrom("devices")
    .select("id")
    .where("serial", "=", "NHX-4471B0")
    .executeTakeFirstOrThrow();
  const series = await agent.get(`/api/v1/devices/${device.id}/diagnostics/series?path=wifi.signal_dbm`);
  const values = series.body.items.map((p: { value: number }) => p.value);
  // The playbook run's own snapshot (-73) sits among them, at the time of Maria's case.
  assert.deepEqual(
    values.filter((v: number) => v !== -73),
    [-52, -55, -61, -68, -74],
  );
  const first = new Date(series.body.items[0].capturedAt).getTime();
  assert.ok(Date.now() - first > 7 * 7 * 86_400_000, "the history spans weeks");
});
