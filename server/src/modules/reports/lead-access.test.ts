import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

/**
 * Team leads read the reports (reports.policy.ts), so `/api/v1/me` tells the web whether the
 * person leads a team: the nav shows them the Reports link.
 */
let server: TestServer;
let admin: TestClient;
let agent: { client: TestClient; email: string };
const R = "/api/v1/reports/csat?from=2026-03-02&to=2026-03-08";

async function membershipOf(email: string) {
  const res = await admin.get("/api/v1/members?limit=100");
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const id = (res.body.items as Array<{ id: string; email: string }>).find((m) => m.email === email)?.id;
  assert.ok(id, "member found");
  return id;
}

before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  agent = await staffClient(server, "agent");
});
after(() => server.close());

describe("team leads and the reports", () => {
  test("an agent who leads no team: me says so, the reports refuse", async () => {
    const me = await agent.client.get("/api/v1/me");
    assert.equal(me.status, 200);
    assert.equal(me.body.leadsTeams, false);
    assert.equal((await agent.client.get(R)).status, 403);
  });

  test("a member who is not lead still does not lead", async () => {
    const id = await membershipOf(agent.email);
    const res = await admin.post("/api/v1/teams", { name: "Members only", memberIds: [id] });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal((await agent.client.get("/api/v1/me")).body.leadsTeams, false);
  });

  test("made lead of a team, the agent's me says leadsTeams and the reports answer", async () => {
    const id = await membershipOf(agent.email);
    const res = await admin.post("/api/v1/teams", { name: "Modem desk", memberIds: [id], leadIds: [id] });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const me = await agent.client.get("/api/v1/me");
    assert.equal(me.body.leadsTeams, true);
    assert.equal((await agent.client.get(R)).status, 200);
  });

  test("an admin who leads no team reads the reports; me says no team is led", async () => {
    const me = await admin.get("/api/v1/me");
    assert.equal(me.body.leadsTeams, false);
    assert.equal((await admin.get(R)).status, 200);
  });
});
