import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import WebSocket from "ws";
import type { TestClient } from "../../../test/client.ts";
import { customerClient, setUpWorkspace } from "../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let admin: TestClient;
before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
});
after(() => server.close());

test("a customer sees only their own cases, never internal notes, and their reply reopens a solved case", async () => {
  const maria = await customerClient(server, "maria@example.com");
  const den = await customerClient(server, "den@example.net");
  const opened = await maria.client.post("/api/v1/cases", {
    subject: "Beam drops out",
    message: "Every 20 minutes.",
  });
  assert.equal(opened.status, 201);
  assert.equal(opened.body.channel, "web");
  const caseId = opened.body.id;
  await admin.post(`/api/v1/cases/${caseId}/messages`, { body: "Known firmware bug", kind: "note" });
  await admin.post(`/api/v1/cases/${caseId}/messages`, { body: "Please update to 12.5." });
  await admin.patch(`/api/v1/cases/${caseId}`, { status: "solved" });

  const list = await maria.client.get("/api/v1/cases?status=all");
  assert.deepEqual(
    list.body.items.map((c: { id: string }) => c.id),
    [caseId],
  );
  const messages = await maria.client.get(`/api/v1/cases/${caseId}/messages`);
  assert.deepEqual(
    messages.body.items.map((m: { kind: string }) => m.kind),
    ["customer", "reply"],
  );
  const timeline = await maria.client.get(`/api/v1/cases/${caseId}/timeline?limit=200`);
  assert.ok(!JSON.stringify(timeline.body).includes("Known firmware bug"));

  // Den cannot see or write to Maria's case: it does not exist for him.
  assert.equal((await den.client.get(`/api/v1/cases/${caseId}`)).status, 404);
  assert.equal((await den.client.get(`/api/v1/cases/${caseId}/messages`)).status, 404);
  assert.equal((await den.client.post(`/api/v1/cases/${caseId}/messages`, { body: "hi" })).status, 404);
  assert.deepEqual((await den.client.get("/api/v1/cases?status=all")).body.items, []);
  assert.equal((await den.client.patch(`/api/v1/cases/${caseId}`, { status: "closed" })).status, 403);

  const reply = await maria.client.post(`/api/v1/cases/${caseId}/messages`, {
    body: "Still dropping after the update.",
  });
  assert.equal(reply.status, 201);
  assert.equal(reply.body.kind, "customer");
  const reopened = await admin.get(`/api/v1/cases/${caseId}`);
  assert.equal(reopened.body.status, "open");
  assert.ok(reopened.body.waitingSince);
  const asNote = await maria.client.post(`/api/v1/cases/${caseId}/messages`, { body: "x", kind: "note" });
  assert.equal(asNote.status, 400);
  assert.equal(asNote.body.error.field, "kind");

  await admin.patch(`/api/v1/cases/${caseId}`, { status: "closed" });
  const late = await maria.client.post(`/api/v1/cases/${caseId}/messages`, { body: "one more thing" });
  assert.equal(late.status, 409);
  assert.equal(late.body.error.code, "case_closed");
});

test("the agent's browser hears the customer's reply live; the customer hears the agent's reply but not notes", async () => {
  const maria = await customerClient(server, "live@example.com");
  const opened = await maria.client.post("/api/v1/cases", { subject: "Live", message: "Hello?" });
  const listen = (cookie: string) => {
    const ws = new WebSocket(`${server.url.replace("http", "ws")}/api/v1/realtime`, {
      headers: { cookie, origin: server.url },
    });
    const got: Array<Record<string, unknown>> = [];
    ws.on("message", (d) => got.push(JSON.parse(d.toString())));
    return { ws, got };
  };
  const agentSocket = listen(admin.cookieHeader());
  const customerSocket = listen(maria.client.cookieHeader());
  await eventually(() => (agentSocket.got.length && customerSocket.got.length ? true : undefined));

  await maria.client.post(`/api/v1/cases/${opened.body.id}/messages`, { body: "Anyone there?" });
  const heard = await eventually(() =>
    agentSocket.got.find((m) => m.type === "message.added" && m.kind === "customer"),
  );
  assert.equal(heard.caseId, opened.body.id);

  await admin.post(`/api/v1/cases/${opened.body.id}/messages`, { body: "internal", kind: "note" });
  await admin.post(`/api/v1/cases/${opened.body.id}/messages`, { body: "Yes, I'm here." });
  await eventually(() => customerSocket.got.find((m) => m.type === "message.added" && m.kind === "reply"));
  assert.ok(!customerSocket.got.some((m) => m.kind === "note"), "customers never hear of notes");
  assert.ok(!customerSocket.got.some((m) => m.type === "case.created"), "nor of other cases");
  agentSocket.ws.close();
  customerSocket.ws.close();
});
