import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { loadDemo } from "./demo.ts";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

// Read from the tables: the lifecycle history and offers retention-demo.ts wrote, and the customers
// academy-demo.ts trained.
test("the demo has months of lifecycle events with some churn and values, trained customers and offers; twice changes nothing", async () => {
  const { pool } = server.runtime.ctx;
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  const count = async () =>
    (
      await pool.query(`select count(*)::int as events, count(*) filter (where event = 'churned')::int as churned,
        count(value)::int as valued, min(at) as first from customer_lifecycle_events`)
    ).rows[0];
  const first = await count();
  assert.ok(first.events > 0 && first.churned > 0 && first.valued > 0, JSON.stringify(first));
  assert.ok(
    Date.now() - new Date(first.first).getTime() > 180 * 86_400_000,
    "more than six months of history",
  );
  const offers = (await pool.query("select status from retention_offers")).rows.map((r) => r.status);
  assert.ok(offers.length > 0, "some offers");
  const trained = (
    await pool.query("select count(*)::int as n from academy_enrollments where completed_at is not null")
  ).rows[0].n;
  assert.ok(trained > 0, "some customers trained in the academy");
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  assert.deepEqual(await count(), first, "loading twice adds nothing");
  assert.equal(
    (await pool.query("select count(*)::int as n from retention_offers")).rows[0].n,
    offers.length,
  );
});
