import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import WebSocket from "ws";
import { TestClient } from "../../../test/client.ts";
import { customerClient, otherWorkspace, setUpWorkspace } from "../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let admin: TestClient;
let telephony: TestClient;
before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  const token = (await admin.post("/api/v1/tokens", { name: "PBX" })).body.token;
  telephony = new TestClient(server.url, { token, origin: null });
});
after(() => server.close());

test("a call from a known number returns the caller's whole context and pops every agent's screen", async () => {
  const maria = (
    await admin.post("/api/v1/customers", { name: "Maria Gonzalez", phones: ["+1 (415) 555-0100"] })
  ).body;
  await admin.post(`/api/v1/customers/${maria.id}/facts`, { key: "plan", value: "Premium" });
  await admin.post(`/api/v1/customers/${maria.id}/devices`, { model: "Soundwave One", serial: "SW1-1" });
  const earlier = await admin.post("/api/v1/cases", {
    customerId: maria.id,
    subject: "Error 1013",
    message: "Speakers won't update",
  });

  const ws = new WebSocket(`${server.url.replace("http", "ws")}/api/v1/realtime`, {
    headers: { cookie: admin.cookieHeader(), origin: server.url },
  });
  const got: Array<Record<string, unknown>> = [];
  ws.on("message", (d) => got.push(JSON.parse(d.toString())));
  await eventually(() => got.find((m) => m.type === "hello"));

  const call = await telephony.post("/api/v1/calls", { from: "415.555.0100", to: "+1 800 555 0000" });
  assert.equal(call.status, 201);
  assert.equal(call.body.newCustomer, false);
  assert.equal(call.body.customer.id, maria.id);
  assert.equal(call.body.facts.plan, "Premium");
  assert.equal(call.body.devices[0].serial, "SW1-1");
  assert.deepEqual(
    call.body.openCases.map((c: { id: string }) => c.id),
    [earlier.body.id],
  );
  assert.equal(call.body.timeline[0].kind, "call.started", "the call is on the timeline, newest first");

  const pop = await eventually(() => got.find((m) => m.type === "call.started"));
  assert.equal(pop.customerId, maria.id);
  assert.equal(pop.customerName, "Maria Gonzalez");
  ws.close();

  const lookup = await telephony.get("/api/v1/lookup?phone=14155550100");
  assert.deepEqual(Object.keys(lookup.body).sort(), [
    "customer",
    "devices",
    "facts",
    "identities",
    "knownIssues",
    "openCases",
    "recentCases",
    "timeline",
  ]);

  const end = await telephony.post(`/api/v1/calls/${call.body.callId}/end`, {
    durationSeconds: 312,
    note: "Walked through UPnP",
    caseId: earlier.body.id,
  });
  assert.equal(end.status, 200);
  assert.equal(end.body.durationSeconds, 312);
  const again = await telephony.post(`/api/v1/calls/${call.body.callId}/end`, {});
  assert.equal(again.status, 409);
  const caseTimeline = await admin.get(`/api/v1/cases/${earlier.body.id}/timeline`);
  assert.equal(caseTimeline.body.items[0].kind, "call.ended");
  assert.equal(caseTimeline.body.items[0].data.note, "Walked through UPnP");
});

test("an unknown number creates a new customer with that phone", async () => {
  const call = await telephony.post("/api/v1/calls", { from: "+441614960999", to: "100" });
  assert.equal(call.status, 201);
  assert.equal(call.body.newCustomer, true);
  assert.equal(call.body.identities[0].value, "+441614960999");
  assert.equal(call.body.customer.name, "Unknown caller", "named plainly, not after the raw number");
  assert.equal(call.body.identities[0].display, "+44 161 496 0999", "the number reads as a number");
  const second = await telephony.post("/api/v1/calls", { from: "+44 161 496 0999", to: "100" });
  assert.equal(second.body.customer.id, call.body.customer.id, "the next call finds them");
});

test("bad input, missing auth and the wrong role are refused", async () => {
  for (const [body, field] of [
    [{ from: "anonymous", to: "100" }, "from"],
    [{ to: "100" }, "from"],
    [{ from: "+14155550100", to: "100", extra: 1 }, "extra"],
  ] as const) {
    const res = await telephony.post("/api/v1/calls", body);
    assert.equal(res.status, 400);
    assert.equal(res.body.error.field, field);
  }
  assert.equal(
    (await new TestClient(server.url).post("/api/v1/calls", { from: "+14155550100", to: "100" })).status,
    401,
  );
  const { client: customer } = await customerClient(server);
  assert.equal((await customer.post("/api/v1/calls", { from: "+14155550100", to: "1" })).status, 403);
  assert.equal((await customer.get("/api/v1/lookup?phone=14155550100")).status, 403);
  const { client: other } = await otherWorkspace(server);
  const call = await telephony.post("/api/v1/calls", { from: "+14155550123", to: "100" });
  assert.equal((await other.post(`/api/v1/calls/${call.body.callId}/end`, {})).status, 404);
  assert.equal(
    (await telephony.post("/api/v1/calls/00000000-0000-4000-8000-000000000000/end", {})).status,
    404,
  );
});
