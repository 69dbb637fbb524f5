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

test("cases created at once in a new workspace get distinct numbers from 1, per workspace", async () => {
  const customer = (await admin.post("/api/v1/customers", { name: "Burst" })).body;
  const created = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      admin.post("/api/v1/cases", { customerId: customer.id, subject: `Outage ${i}`, message: "Down" }),
    ),
  );
  assert.deepEqual(
    created.map((r) => r.status),
    Array(12).fill(201),
  );
  const numbers = created.map((r) => r.body.number as number).sort((a, b) => a - b);
  assert.deepEqual(
    numbers,
    Array.from({ length: 12 }, (_, i) => i + 1),
    "unique, and without gaps here",
  );

  const { client: other } = await otherWorkspace(server);
  const theirs = (await other.post("/api/v1/customers", { name: "Elsewhere" })).body;
  const first = await other.post("/api/v1/cases", { customerId: theirs.id, subject: "Hi", message: "Hello" });
  assert.equal(first.body.number, 1, "another workspace counts on its own");
});
