import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import WebSocket from "ws";
import type { TestClient } from "../../../test/client.ts";
import { otherWorkspace, setUpWorkspace } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { closeSharedEmbedder } from "../../platform/text/use-embedder.ts";

/**
 * At-risk live: when the repeats sweep moves a customer onto or off the at-risk list, staff
 * sockets of that workspace get `customer.risk_changed` (the list and the customer flag
 * refetch on it); another workspace's sockets hear nothing.
 */
let server: TestServer;
let admin: TestClient;
let other: TestClient;
const q = (text: string, params: unknown[] = []) => server.runtime.ctx.pool.query(text, params);

before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  other = (await otherWorkspace(server)).client;
});
after(async () => {
  await closeSharedEmbedder();
  await server.close();
});

function connect(client: TestClient) {
  const ws = new WebSocket(`${server.url.replace("http", "ws")}/api/v1/realtime`, {
    headers: { cookie: client.cookieHeader(), origin: server.url },
  });
  const messages: Array<Record<string, unknown>> = [];
  ws.on("message", (data) => messages.push(JSON.parse(data.toString())));
  return { ws, messages };
}

async function waitFor<T>(probe: () => T | undefined, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const v = probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("timed out");
}

const riskEvents = (messages: Array<Record<string, unknown>>, customerId: string) =>
  messages.filter((m) => m.type === "customer.risk_changed" && m.customerId === customerId);

test("a customer becoming at risk, then leaving the list, is announced live to staff of the workspace only", async () => {
  const mine = connect(admin);
  const theirs = connect(other);
  await waitFor(() => mine.messages.find((m) => m.type === "hello"));
  await waitFor(() => theirs.messages.find((m) => m.type === "hello"));

  const cu = await admin.post("/api/v1/customers", { name: "Vera Waiting" });
  assert.equal(cu.status, 201, JSON.stringify(cu.body));
  const customerId = cu.body.id as string;
  // Three unrelated open cases (25 points) and one waiting beyond its SLA (30): at risk.
  const subjects = ["Invoice address wrong", "Speaker grille rattles", "App login loops"];
  const ids: string[] = [];
  for (const subject of subjects) {
    const res = await admin.post("/api/v1/cases", { customerId, subject, message: `${subject}.` });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    ids.push(res.body.id);
  }
  // Reading the list runs the workspace's sweep first: nothing is at risk yet, nothing announced.
  assert.equal((await admin.get("/api/v1/customers/at-risk?limit=100")).status, 200);
  await q("update cases set sla_breached_at = now() where id = $1", [ids[0]]);
  const list = await admin.get("/api/v1/customers/at-risk?limit=100");
  assert.ok(list.body.items.some((i: { customerId: string }) => i.customerId === customerId));

  const became = await waitFor(() => riskEvents(mine.messages, customerId)[0]);
  assert.equal(became.atRisk, true);

  // Solving two cases leaves one open, unbreached: off the list, announced once.
  for (const id of ids.slice(0, 2)) {
    const res = await admin.patch(`/api/v1/cases/${id}`, { status: "solved" });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  }
  const after = await admin.get("/api/v1/customers/at-risk?limit=100");
  assert.ok(!after.body.items.some((i: { customerId: string }) => i.customerId === customerId));
  const left = await waitFor(() => riskEvents(mine.messages, customerId)[1]);
  assert.equal(left.atRisk, false);

  // A read with no change announces nothing more; the other workspace heard nothing.
  await admin.get("/api/v1/customers/at-risk?limit=100");
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(riskEvents(mine.messages, customerId).length, 2);
  assert.equal(riskEvents(theirs.messages, customerId).length, 0);
  mine.ws.close();
  theirs.ws.close();
});
