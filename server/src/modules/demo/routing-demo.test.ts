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
test("the demo has two teams in different zones, its routing rules, and Maria keeps Dana as her agent; a second load adds nothing", async () => {
  const { db } = server.runtime.ctx;
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  await loadDemo(server.runtime.ctx, { password: "a-demo-password-for-tests" });
  // Routing, the SLA desks and the team snippets share the same two teams (demo-teams.ts), each
  // with its own business hours in its own time zone and a lead.
  const teams = await db
    .selectFrom("teams")
    .leftJoin("business_calendars as bc", "bc.team_id", "teams.id")
    .select(["teams.name", "bc.timezone"])
    .orderBy("teams.name")
    .execute();
  assert.deepEqual(teams, [
    { name: "Berlin desk", timezone: "Europe/Berlin" },
    { name: "Los Angeles desk", timezone: "America/Los_Angeles" },
  ]);
  const leads = await db
    .selectFrom("team_members as tm")
    .innerJoin("teams as t", "t.id", "tm.team_id")
    .innerJoin("memberships as m", "m.id", "tm.membership_id")
    .innerJoin("auth.user as u", "u.id", "m.user_id")
    .select(["t.name as team", "u.name as lead"])
    .where("tm.is_lead", "=", true)
    .orderBy("t.name")
    .execute();
  assert.deepEqual(leads, [
    { team: "Berlin desk", lead: "Dana Okafor" },
    { team: "Los Angeles desk", lead: "Marco Rossi" },
  ]);
  const snippetTeams = await db
    .selectFrom("snippets as s")
    .innerJoin("teams as t", "t.id", "s.team_id")
    .select("t.name")
    .distinct()
    .execute();
  assert.deepEqual(snippetTeams, [{ name: "Berlin desk" }], "the team snippets belong to the Berlin desk");
  const rules = await db
    .selectFrom("routing_rules")
    .innerJoin("teams", "teams.id", "routing_rules.team_id")
    .select(["routing_rules.name", "strategy", "teams.name as team"])
    .orderBy("position")
    .execute();
  assert.deepEqual(
    rules.map((r) => `${r.name}:${r.strategy}:${r.team}`),
    [
      "German speakers:round_robin:Berlin desk",
      "NetHub routers:round_robin:Los Angeles desk",
      "Billing questions:least_loaded:Berlin desk",
    ],
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
