import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { otherWorkspace, setUpWorkspace } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let admin: TestClient;
before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
});
after(() => server.close());

test("likely duplicates are suggested, and merging moves identities, facts, devices, cases and history", async () => {
  const keep = (
    await admin.post("/api/v1/customers", {
      name: "Maria Gonzalez",
      emails: ["maria@example.com"],
      phones: ["+1 415 555 0100"],
    })
  ).body;
  const dup = (
    await admin.post("/api/v1/customers", {
      name: "maria gonzalez",
      emails: ["maria@work.example"],
      phones: ["+1 650 555 0142"],
    })
  ).body;
  const unrelated = (await admin.post("/api/v1/customers", { name: "Someone Else", emails: ["x@y.example"] }))
    .body;

  const suggestions = await admin.get(`/api/v1/customers/${keep.id}/duplicates`);
  assert.equal(suggestions.status, 200);
  const found = suggestions.body.items.find((d: { customer: { id: string } }) => d.customer.id === dup.id);
  assert.ok(found, "same email local part and name is suggested");
  assert.ok(found.reasons.includes("same_email_local_part_and_name"));
  assert.ok(
    !suggestions.body.items.some((d: { customer: { id: string } }) => d.customer.id === unrelated.id),
  );

  await admin.post(`/api/v1/customers/${keep.id}/facts`, { key: "plan", value: "Basic" });
  await admin.post(`/api/v1/customers/${dup.id}/facts`, { key: "plan", value: "Premium" });
  await admin.post(`/api/v1/customers/${dup.id}/facts`, { key: "address", value: "2 Oak Ave" });
  await admin.post(`/api/v1/customers/${dup.id}/devices`, { model: "Beam", serial: "SWB-1" });
  const dupCase = (
    await admin.post("/api/v1/cases", { customerId: dup.id, subject: "From the duplicate", message: "hi" })
  ).body;

  const merged = await admin.post(`/api/v1/customers/${keep.id}/merge`, { duplicateId: dup.id });
  assert.equal(merged.status, 200);
  assert.deepEqual(merged.body.identities.map((i: { value: string }) => i.value).sort(), [
    "+14155550100",
    "+16505550142",
    "maria@example.com",
    "maria@work.example",
  ]);
  const context = await admin.get(`/api/v1/customers/${keep.id}/context`);
  assert.equal(context.body.facts.plan, "Premium", "the newer value stays current");
  assert.equal(context.body.facts.address, "2 Oak Ave");
  assert.equal(context.body.devices[0].serial, "SWB-1");
  assert.ok(context.body.openCases.some((c: { id: string }) => c.id === dupCase.id));
  const history = await admin.get(`/api/v1/customers/${keep.id}/facts`);
  assert.deepEqual(
    history.body.items
      .filter((f: { key: string }) => f.key === "plan")
      .map((f: { value: string }) => f.value),
    ["Premium", "Basic"],
  );
  const timeline = await admin.get(`/api/v1/customers/${keep.id}/timeline?limit=200`);
  assert.equal(timeline.body.items[0].kind, "customer.merged");
  assert.ok(
    timeline.body.items.some((e: { caseId: string | null }) => e.caseId === dupCase.id),
    "the duplicate's history moved",
  );
  assert.equal((await admin.get(`/api/v1/customers/${dup.id}`)).status, 404, "the duplicate is gone");
  assert.equal((await admin.get("/api/v1/lookup?phone=%2B16505550142")).body.customer.id, keep.id);
});

test("merging refuses itself, unknown and foreign customers", async () => {
  const a = (await admin.post("/api/v1/customers", { name: "A" })).body;
  assert.equal((await admin.post(`/api/v1/customers/${a.id}/merge`, { duplicateId: a.id })).status, 400);
  const missing = await admin.post(`/api/v1/customers/${a.id}/merge`, {
    duplicateId: "00000000-0000-4000-8000-000000000000",
  });
  assert.equal(missing.status, 404);
  assert.equal(missing.body.error.field, "duplicateId");
  const { client: other } = await otherWorkspace(server);
  const foreign = (await other.post("/api/v1/customers", { name: "Foreign" })).body;
  assert.equal(
    (await admin.post(`/api/v1/customers/${a.id}/merge`, { duplicateId: foreign.id })).status,
    404,
  );
  assert.equal((await other.get(`/api/v1/customers/${foreign.id}`)).status, 200, "untouched");
});
