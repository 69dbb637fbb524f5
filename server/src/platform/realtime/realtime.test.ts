import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import WebSocket from "ws";
import { TestClient } from "../../../test/client.ts";
import { setUpWorkspace } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

let serverA: TestServer;
let serverB: TestServer;
let admin: TestClient;
before(async () => {
  serverA = await startTestServer();
  // A second app process on the same database, as in a scaled-out install.
  serverB = await startTestServer({ databaseUrl: serverA.databaseUrl, role: "web" });
  ({ admin } = await setUpWorkspace(serverA));
});
after(async () => {
  await serverB.close();
  await serverA.close();
});

function connect(url: string, headers: Record<string, string>) {
  const ws = new WebSocket(`${url.replace("http", "ws")}/api/v1/realtime`, { headers });
  const messages: Array<Record<string, unknown>> = [];
  ws.on("message", (data) => messages.push(JSON.parse(data.toString())));
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  return { ws, messages, closed };
}

async function waitFor<T>(probe: () => T | undefined, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const v = probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("timed out");
}

test("a signed-in browser receives events for writes made through another app process", async () => {
  const socket = connect(serverA.url, { cookie: admin.cookieHeader(), origin: serverA.url });
  await waitFor(() => socket.messages.find((m) => m.type === "hello"));
  // The write goes to process B; the socket is on process A. LISTEN/NOTIFY bridges them.
  const viaB = new TestClient(serverB.url);
  (viaB as unknown as { cookies: unknown }).cookies = (admin as unknown as { cookies: unknown }).cookies;
  const created = await viaB.post("/api/v1/tokens", { name: "made on B" });
  assert.equal(created.status, 201);
  const event = await waitFor(() => socket.messages.find((m) => m.type === "token.created"));
  assert.equal(event.tokenId, created.body.id);
  socket.ws.close();
});

test("events of a rolled-back write are never delivered", async () => {
  const socket = connect(serverA.url, { cookie: admin.cookieHeader(), origin: serverA.url });
  await waitFor(() => socket.messages.find((m) => m.type === "hello"));
  const bad = await admin.post("/api/v1/tokens", { name: "" });
  assert.equal(bad.status, 400);
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(
    socket.messages.map((m) => m.type),
    ["hello"],
  );
  socket.ws.close();
});

test("without a session, or from a foreign origin, the socket is closed as unauthenticated", async () => {
  const anonymous = connect(serverA.url, {});
  assert.equal(await anonymous.closed, 4401);
  const foreign = connect(serverA.url, { cookie: admin.cookieHeader(), origin: "https://evil.example" });
  assert.equal(await foreign.closed, 4401);
  assert.equal(foreign.messages.length, 0);
});
