import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TestClient } from "../../../../test/client.ts";
import { otherWorkspace, setUpWorkspace, staffClient } from "../../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../../test/harness.ts";

/** Legal holds: placed on a customer or a case, they block erasure until released. */
let server: TestServer;
let admin: TestClient;

before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
});
after(async () => server.close());

const erase = (client: TestClient, id: string) =>
  client.request("DELETE", `/api/v1/customers/${id}`, { confirm: true });

test("bad hold input is refused naming the field; agents and other workspaces cannot see or place holds", async () => {
  const c = (await admin.post("/api/v1/customers", { name: "Hold Input" })).body;
  const cases: Array<[unknown, string]> = [
    [{ reason: "x" }, "customerId"],
    [{ customerId: c.id, caseId: c.id, reason: "x" }, "customerId"],
    [{ customerId: c.id }, "reason"],
    [{ customerId: c.id, reason: "   " }, "reason"],
    [{ customerId: "nope", reason: "x" }, "customerId"],
  ];
  for (const [body, field] of cases) {
    const res = await admin.post("/api/v1/legal-holds", body);
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.error.field, field, JSON.stringify(body));
  }
  const unknownCase = await admin.post("/api/v1/legal-holds", { caseId: c.id, reason: "x" });
  assert.equal(unknownCase.status, 404);
  assert.equal(unknownCase.body.error.field, "caseId");
  const { client: agent } = await staffClient(server, "agent");
  assert.equal((await agent.post("/api/v1/legal-holds", { customerId: c.id, reason: "x" })).status, 403);
  assert.equal((await agent.get("/api/v1/legal-holds")).status, 403);
  const { client: other } = await otherWorkspace(server);
  assert.equal((await other.post("/api/v1/legal-holds", { customerId: c.id, reason: "x" })).status, 404);
  const mine = await admin.post("/api/v1/legal-holds", { customerId: c.id, reason: "Audit 2026" });
  assert.equal(mine.status, 201);
  assert.deepEqual((await other.get("/api/v1/legal-holds")).body.items, []);
  assert.equal((await other.post(`/api/v1/legal-holds/${mine.body.id}/release`)).status, 404);
});

test("a hold on the customer or on one of their cases blocks erasure with its reason; released, erasure runs", async () => {
  const c = (await admin.post("/api/v1/customers", { name: "Hedda Held", emails: ["hedda@example.org"] }))
    .body;
  const kase = (
    await admin.post("/api/v1/cases", { customerId: c.id, subject: "Warranty dispute", message: "Hi" })
  ).body;

  const onCase = await admin.post("/api/v1/legal-holds", {
    caseId: kase.id,
    reason: "Warranty lawsuit 2026-114",
  });
  assert.equal(onCase.status, 201, JSON.stringify(onCase.body));
  assert.equal(onCase.body.caseId, kase.id);
  assert.equal(onCase.body.subject, `#${kase.number} Warranty dispute`);
  const blocked = await erase(admin, c.id);
  assert.equal(blocked.status, 409, JSON.stringify(blocked.body));
  assert.equal(blocked.body.error.code, "legal_hold");
  assert.match(blocked.body.error.message, /Warranty lawsuit 2026-114/);
  assert.match(blocked.body.error.message, new RegExp(onCase.body.id));

  const state = (await admin.get(`/api/v1/customers/${c.id}/erasure`)).body;
  assert.deepEqual(
    state.holds.map((h: { id: string }) => h.id),
    [onCase.body.id],
    "the customer page lists the hold",
  );
  assert.equal(state.erasure, null);

  const release = await admin.post(`/api/v1/legal-holds/${onCase.body.id}/release`);
  assert.equal(release.status, 200);
  assert.ok(release.body.releasedAt);
  assert.equal((await admin.post(`/api/v1/legal-holds/${onCase.body.id}/release`)).status, 409);

  const onCustomer = await admin.post("/api/v1/legal-holds", { customerId: c.id, reason: "Tax inspection" });
  assert.equal((await erase(admin, c.id)).status, 409);
  const active = (await admin.get("/api/v1/legal-holds")).body.items.map((h: { id: string }) => h.id);
  assert.ok(active.includes(onCustomer.body.id) && !active.includes(onCase.body.id));
  const released = (await admin.get("/api/v1/legal-holds?status=released")).body.items.map(
    (h: { id: string }) => h.id,
  );
  assert.ok(released.includes(onCase.body.id));
  await admin.post(`/api/v1/legal-holds/${onCustomer.body.id}/release`);

  const ok = await erase(admin, c.id);
  assert.equal(ok.status, 202, JSON.stringify(ok.body));
  await eventually(
    async () =>
      (await admin.get(`/api/v1/customers/${c.id}`)).body.name === "Erased customer" ? true : undefined,
    30_000,
  );
  // Nothing left to hold.
  const late = await admin.post("/api/v1/legal-holds", { customerId: c.id, reason: "Too late" });
  assert.equal(late.status, 409);

  const { rows } = await server.runtime.ctx.pool.query(
    "select action from audit_log where action like 'legal_hold.%' and subject_id in ($1, $2) order by id",
    [c.id, kase.id],
  );
  assert.deepEqual(
    rows.map((r) => r.action),
    ["legal_hold.placed", "legal_hold.released", "legal_hold.placed", "legal_hold.released"],
  );
});

test("a case's holds: those on the case and on its customer, not the customer's other cases; 400/404 name caseId", async () => {
  const c = (await admin.post("/api/v1/customers", { name: "Casey Covered" })).body;
  const open = async (subject: string) =>
    (await admin.post("/api/v1/cases", { customerId: c.id, subject, message: "Hi" })).body;
  const [mine, sibling] = [await open("Held case"), await open("Sibling case")];
  const onCase = (await admin.post("/api/v1/legal-holds", { caseId: mine.id, reason: "Claim 7" })).body;
  const onSibling = (await admin.post("/api/v1/legal-holds", { caseId: sibling.id, reason: "Claim 8" })).body;
  const onCustomer = (await admin.post("/api/v1/legal-holds", { customerId: c.id, reason: "Audit 9" })).body;

  const covering = async (caseId: string, status = "active") =>
    (await admin.get(`/api/v1/legal-holds?caseId=${caseId}&status=${status}`)).body.items.map(
      (h: { id: string }) => h.id,
    );
  assert.deepEqual((await covering(mine.id)).sort(), [onCase.id, onCustomer.id].sort());
  assert.deepEqual((await covering(sibling.id)).sort(), [onSibling.id, onCustomer.id].sort());
  await admin.post(`/api/v1/legal-holds/${onCase.id}/release`);
  assert.deepEqual(await covering(mine.id), [onCustomer.id], "a released hold no longer covers the case");
  assert.ok((await covering(mine.id, "all")).includes(onCase.id));

  const bad = await admin.get("/api/v1/legal-holds?caseId=nope");
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, "caseId");
  const unknown = await admin.get("/api/v1/legal-holds?caseId=00000000-0000-4000-8000-000000000000");
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.error.field, "caseId");
  const { client: other } = await otherWorkspace(server);
  const foreign = await other.get(`/api/v1/legal-holds?caseId=${mine.id}`);
  assert.equal(foreign.status, 404, "another workspace's case is not found");
  assert.equal(foreign.body.error.field, "caseId");
  assert.equal((await other.post("/api/v1/legal-holds", { caseId: mine.id, reason: "x" })).status, 404);
  await admin.post(`/api/v1/legal-holds/${onSibling.id}/release`);
  await admin.post(`/api/v1/legal-holds/${onCustomer.id}/release`);
});
