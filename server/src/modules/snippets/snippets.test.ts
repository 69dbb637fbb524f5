import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TestClient } from "../../../test/client.ts";
import { setUpWorkspace, staffClient, uniqueEmail } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let admin: TestClient;
let lead: TestClient;
let member: TestClient;
let outsider: TestClient;
let teamId: string;

const idOf = async (c: TestClient) => (await c.get("/api/v1/agents/me/profile")).body.id as string;

before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  lead = (await staffClient(server, "agent")).client;
  member = (await staffClient(server, "agent")).client;
  outsider = (await staffClient(server, "agent")).client;
  const [leadId, memberId] = [await idOf(lead), await idOf(member)];
  const team = await admin.post("/api/v1/teams", { name: "Billing", memberIds: [leadId, memberId] });
  assert.equal(team.status, 201, JSON.stringify(team.body));
  teamId = team.body.items.find((t: { name: string }) => t.name === "Billing").id;
  // Making someone a lead has no screen of this part yet; the routing/SLA parts own team settings.
  await server.runtime.ctx.db
    .updateTable("team_members")
    .set({ is_lead: true })
    .where("team_id", "=", teamId)
    .where("membership_id", "=", leadId)
    .execute();
});
after(() => server.close());

async function caseFor(name: string, facts: Record<string, unknown> = {}) {
  const customer = await admin.post("/api/v1/customers", { name, emails: [uniqueEmail("c")] });
  assert.equal(customer.status, 201, JSON.stringify(customer.body));
  for (const [key, value] of Object.entries(facts)) {
    const f = await admin.post(`/api/v1/customers/${customer.body.id}/facts`, { key, value });
    assert.ok(f.status < 300, JSON.stringify(f.body));
  }
  const c = await admin.post("/api/v1/cases", {
    customerId: customer.body.id,
    subject: "Modem",
    message: "Hi",
  });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  return c.body.id as string;
}

test("placeholders are filled from the case, and a missing fact stays visible and is reported", async () => {
  const s = await member.post("/api/v1/snippets", {
    title: "Ship replacement",
    body: "Hi {{customer.first_name}}, a new modem goes to {{fact.address}}. {{agent.first_name}}",
  });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  assert.deepEqual(s.body.placeholders, ["customer.first_name", "fact.address", "agent.first_name"]);

  const without = await caseFor("Maria Gonzalez");
  const filled = await member.post(`/api/v1/cases/${without}/snippets/${s.body.id}/fill`);
  assert.equal(filled.status, 200, JSON.stringify(filled.body));
  assert.match(filled.body.text, /^Hi Maria, a new modem goes to \{\{fact\.address\}\}\. Test$/);
  assert.deepEqual(filled.body.missing, ["fact.address"]);

  const withAddress = await caseFor("Kim Lee", { address: "1 Main St" });
  const full = await member.post(`/api/v1/cases/${withAddress}/snippets/${s.body.id}/fill`);
  assert.equal(full.body.text, "Hi Kim, a new modem goes to 1 Main St. Test");
  assert.deepEqual(full.body.missing, []);
});

test("personal snippets are their owner's alone; search finds title or body", async () => {
  const mine = await outsider.post("/api/v1/snippets", {
    title: "Refund policy",
    body: "Refunds take 5_days.",
  });
  assert.equal(mine.status, 201);
  assert.equal((await member.patch(`/api/v1/snippets/${mine.body.id}`, { title: "x" })).status, 404);
  const byBody = await outsider.get("/api/v1/snippets?q=5_days");
  assert.deepEqual(
    byBody.body.items.map((s: { title: string }) => s.title),
    ["Refund policy"],
  );
  // `_` is matched literally, not as "any character".
  assert.equal((await outsider.get("/api/v1/snippets?q=5xdays")).body.items.length, 0);
  assert.equal((await member.get("/api/v1/snippets?q=Refund")).body.items.length, 0);
});

test("team snippets are visible to the team only, and written by its lead or an admin", async () => {
  const byMember = await member.post("/api/v1/snippets", { title: "Team hello", body: "Hello", teamId });
  assert.equal(byMember.status, 403, JSON.stringify(byMember.body));
  const byLead = await lead.post("/api/v1/snippets", {
    title: "Team greeting",
    body: "Hello from Billing",
    teamId,
  });
  assert.equal(byLead.status, 201, JSON.stringify(byLead.body));
  assert.equal(byLead.body.teamName, "Billing");

  const seen = await member.get("/api/v1/snippets?q=greeting");
  assert.equal(seen.body.items.length, 1);
  assert.equal(seen.body.items[0].canEdit, false);
  assert.equal((await outsider.get("/api/v1/snippets?q=greeting")).body.items.length, 0);

  const c = await caseFor("Ola Nordmann");
  assert.equal((await outsider.post(`/api/v1/cases/${c}/snippets/${byLead.body.id}/fill`)).status, 404);
  assert.equal((await member.post(`/api/v1/cases/${c}/snippets/${byLead.body.id}/fill`)).status, 200);

  assert.equal((await member.patch(`/api/v1/snippets/${byLead.body.id}`, { body: "Yo" })).status, 403);
  assert.equal((await outsider.delete(`/api/v1/snippets/${byLead.body.id}`)).status, 404);
  const edited = await admin.patch(`/api/v1/snippets/${byLead.body.id}`, {
    body: "Hello from the Billing team",
  });
  assert.equal(edited.status, 200);
  assert.equal(edited.body.body, "Hello from the Billing team");
  assert.equal((await lead.delete(`/api/v1/snippets/${byLead.body.id}`)).status, 204);
  assert.equal((await member.get("/api/v1/snippets?q=greeting")).body.items.length, 0);
});

test("bad input is refused naming the field", async () => {
  const noTitle = await member.post("/api/v1/snippets", { title: " ", body: "x" });
  assert.equal(noTitle.status, 400);
  assert.match(JSON.stringify(noTitle.body), /title/);
  const badTeam = await admin.post("/api/v1/snippets", {
    title: "t",
    body: "b",
    teamId: "00000000-0000-4000-8000-000000000000",
  });
  assert.equal(badTeam.status, 400);
  assert.equal(badTeam.body.error.field, "teamId");
});
