import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { loadDemo } from "./demo.ts";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

// Read from the tables: what the routing services wrote for the demo (routing-demo.ts).
test("the demo has its two routing teams, its routing rules, and Maria keeps Dana as her agent; a second load adds nothing", async () => {
  const { db } = server.runtime.ctx;
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  // Other parts of the demo add their own teams (the SLA desks, the people part's front line);
  // each team exists once however often the demo loads.
  const teams = (await db.selectFrom("teams").select("name").orderBy("name").execute()).map((t) => t.name);
  assert.ok(teams.includes("Networking") && teams.includes("Speakers"), teams.join(", "));
  assert.equal(new Set(teams).size, teams.length, "no team twice");
  const rules = await db
    .selectFrom("routing_rules")
    .select(["name", "strategy"])
    .orderBy("position")
    .execute();
  assert.deepEqual(
    rules.map((r) => `${r.name}:${r.strategy}`),
    ["German speakers:round_robin", "NetHub routers:round_robin", "Billing questions:least_loaded"],
  );
  const preferred = await db
    .selectFrom("customer_routing as cr")
    .innerJoin("customers as c", "c.id", "cr.customer_id")
    .innerJoin("memberships as m", "m.id", "cr.preferred_agent_id")
    .innerJoin("auth.user as u", "u.id", "m.user_id")
    .select(["c.name as customer", "u.name as agent"])
    .execute();
  assert.deepEqual(preferred, [{ customer: "Maria Gonzalez", agent: "Dana Okafor" }]);
});
