import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { customerClient, setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let admin: TestClient;
before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
});
after(() => server.close());

test("staff see the workspace's people with roles, paged by cursor", async () => {
  const { email: agentEmail } = await staffClient(server, "agent");
  const { email: customerEmail } = await customerClient(server);
  const first = await admin.get("/api/v1/members?limit=2");
  assert.equal(first.status, 200);
  assert.equal(first.body.items.length, 2);
  assert.ok(first.body.nextCursor);
  const second = await admin.get(`/api/v1/members?limit=2&cursor=${first.body.nextCursor}`);
  const all = [...first.body.items, ...second.body.items];
  assert.deepEqual(
    all.map((m: { role: string }) => m.role),
    ["admin", "agent", "customer"],
  );
  assert.equal(all[1].email, agentEmail);
  assert.equal(all[2].email, customerEmail);
  assert.equal(second.body.nextCursor, null);
});

test("customers and strangers cannot list people", async () => {
  const { client: customer } = await customerClient(server);
  const res = await customer.get("/api/v1/members");
  assert.equal(res.status, 403);
  assert.equal(res.body.error.code, "forbidden");
  const anon = await new TestClient(server.url).get("/api/v1/members");
  assert.equal(anon.status, 401);
  assert.equal(anon.body.error.code, "unauthenticated");
});

test("unknown query parameters are refused, naming them", async () => {
  const res = await admin.get("/api/v1/members?sort=name");
  assert.equal(res.status, 400);
  assert.equal(res.body.error.field, "sort");
});
