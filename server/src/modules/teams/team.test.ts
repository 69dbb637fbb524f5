import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import WebSocket from "ws";
import { TestClient } from "../../../test/client.ts";
import {
  customerClient,
  otherWorkspace,
  PASSWORD,
  setUpWorkspace,
  staffClient,
} from "../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let admin: TestClient;
before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
});
after(() => server.close());

const memberId = async (email: string) =>
  (await admin.get("/api/v1/members?limit=100")).body.items.find((m: { email: string }) => m.email === email)
    .id as string;

describe("inviting agents", () => {
  test("an admin invites by email; the link (logged without mail) lets the agent choose a password and sign in, once", async () => {
    const invite = await admin.post("/api/v1/invitations", {
      email: "Dana@Soundwave.example",
      role: "agent",
    });
    assert.equal(invite.status, 201);
    assert.equal(invite.body.email, "dana@soundwave.example");
    const line = await eventually(() =>
      server.logs.find((l) => l.msg === "invitation link" && l.email === "dana@soundwave.example"),
    );
    const token = decodeURIComponent(String(line.url).split("/invite/")[1] ?? "");
    const anon = new TestClient(server.url);
    const preview = await anon.get(`/api/v1/invitations/preview?token=${encodeURIComponent(token)}`);
    assert.deepEqual(preview.body, {
      email: "dana@soundwave.example",
      role: "agent",
      workspaceName: "Acme Audio",
      existingLogin: false,
    });
    const accepted = await anon.post("/api/v1/invitations/accept", {
      token,
      name: "Dana Okafor",
      password: "dana-password-1",
    });
    assert.equal(accepted.status, 201);
    const again = await anon.post("/api/v1/invitations/accept", {
      token,
      name: "Dana Okafor",
      password: "dana-password-1",
    });
    assert.equal(again.status, 404);
    assert.equal(again.body.error.field, "token");
    const signIn = await anon.post("/api/auth/sign-in/email", {
      email: "dana@soundwave.example",
      password: "dana-password-1",
    });
    assert.equal(signIn.status, 200);
    assert.equal((await anon.get("/api/v1/me")).body.role, "agent");
    const list = await admin.get("/api/v1/invitations");
    assert.ok(list.body.items[0].acceptedAt);
  });

  test("only admins invite; bad input names the field", async () => {
    const { client: agent } = await staffClient(server, "agent");
    assert.equal((await agent.post("/api/v1/invitations", { email: "x@y.example" })).status, 403);
    const bad = await admin.post("/api/v1/invitations", { email: "x@y.example", role: "customer" });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "role");
    const weak = await new TestClient(server.url).post("/api/v1/invitations/accept", {
      token: "x".repeat(30),
      name: "A",
      password: "short",
    });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.error.field, "password");
  });
});

test("whoever holds an invitation link to an address that already has a login cannot set its password; the person joins with their own", async () => {
  // Olga is the admin of another workspace. Without a mail relay, the inviting admin gets the
  // link: before, accepting it with a new password took over Olga's login everywhere.
  const { email: olga } = await otherWorkspace(server);
  const invite = await admin.post("/api/v1/invitations", { email: olga, role: "agent" });
  assert.equal(invite.status, 201);
  const token = decodeURIComponent(String(invite.body.link).split("/invite/")[1] ?? "");
  const anon = new TestClient(server.url);
  const preview = await anon.get(`/api/v1/invitations/preview?token=${encodeURIComponent(token)}`);
  assert.equal(preview.body.existingLogin, true);

  const takeover = await anon.post("/api/v1/invitations/accept", {
    token,
    name: "Not Olga",
    password: "attacker-chosen-1",
  });
  assert.equal(takeover.status, 403);
  assert.equal(takeover.body.error.field, "password");
  assert.match(takeover.body.error.message, /current password/);
  // Nothing changed: the attacker's password does not sign in, Olga's still does, no membership.
  const asAttacker = await new TestClient(server.url).post("/api/auth/sign-in/email", {
    email: olga,
    password: "attacker-chosen-1",
  });
  assert.equal(asAttacker.status, 401);
  assert.equal(
    (await admin.get("/api/v1/members?limit=100")).body.items.some(
      (m: { email: string }) => m.email === olga,
    ),
    false,
  );

  // Olga herself joins with her own password (no name needed), which stays as it was.
  const joined = await anon.post("/api/v1/invitations/accept", { token, password: PASSWORD });
  assert.equal(joined.status, 201, JSON.stringify(joined.body));
  const olgaHere = new TestClient(server.url);
  const signIn = await olgaHere.post("/api/auth/sign-in/email", { email: olga, password: PASSWORD });
  assert.equal(signIn.status, 200);
  // On this workspace's address she works here, as the agent she was invited as, although her
  // other workspace's membership is older (the first workspace answers every unnamed host).
  const me = (await olgaHere.get("/api/v1/me")).body;
  assert.deepEqual([me.workspace.name, me.role], ["Acme Audio", "agent"]);
  const member = (await admin.get("/api/v1/members?limit=100")).body.items.find(
    (m: { email: string; name: string }) => m.email === olga,
  );
  assert.equal(member.name, "Olga Other");

  // A new address still needs a name.
  const fresh = await admin.post("/api/v1/invitations", {
    email: "nameless@soundwave.example",
    role: "agent",
  });
  const freshToken = decodeURIComponent(String(fresh.body.link).split("/invite/")[1] ?? "");
  const nameless = await anon.post("/api/v1/invitations/accept", {
    token: freshToken,
    password: "nameless-pass-1",
  });
  assert.equal(nameless.status, 400);
  assert.equal(nameless.body.error.field, "name");
});

describe("managing staff", () => {
  test("deactivating an agent locks them out; their cases stay readable and can be reassigned", async () => {
    const { client: agent, email } = await staffClient(server, "agent");
    const { email: otherEmail } = await staffClient(server, "agent");
    const agentId = await memberId(email);
    const otherId = await memberId(otherEmail);
    const token = (await agent.post("/api/v1/tokens", { name: "agent bot" })).body.token;
    const customer = (await admin.post("/api/v1/customers", { name: "C" })).body;
    const c = (
      await admin.post("/api/v1/cases", {
        customerId: customer.id,
        subject: "S",
        message: "M",
        assigneeId: agentId,
      })
    ).body;

    assert.equal((await admin.patch(`/api/v1/members/${agentId}`, { status: "deactivated" })).status, 204);
    assert.equal((await agent.get("/api/v1/me")).status, 401, "their session no longer works");
    assert.equal(
      (await new TestClient(server.url, { token }).get("/api/v1/me")).status,
      401,
      "nor their tokens",
    );
    const still = await admin.get(`/api/v1/cases/${c.id}`);
    assert.equal(still.body.assignee.id, agentId, "the case is still readable with its assignee");
    const refused = await admin.patch(`/api/v1/cases/${c.id}`, { assigneeId: agentId });
    assert.equal(refused.status, 200, "re-sending the same assignee is a no-op");

    const moved = await admin.post(`/api/v1/members/${agentId}/reassign`, { toMemberId: otherId });
    assert.deepEqual(moved.body, { moved: 1 });
    assert.equal((await admin.get(`/api/v1/cases/${c.id}`)).body.assignee.id, otherId);
    const timeline = await admin.get(`/api/v1/cases/${c.id}/timeline`);
    assert.equal(timeline.body.items[0].kind, "case.assigned");
  });

  test("roles change through policy; the last admin cannot be removed", async () => {
    const me = (await admin.get("/api/v1/me")).body;
    const adminMember = await memberId(me.user.email);
    const demote = await admin.patch(`/api/v1/members/${adminMember}`, { role: "agent" });
    assert.equal(demote.status, 409);
    const { client: agent, email } = await staffClient(server, "agent");
    const id = await memberId(email);
    assert.equal((await admin.patch(`/api/v1/members/${id}`, { role: "admin" })).status, 204);
    assert.equal((await agent.get("/api/v1/me")).body.role, "admin");
    assert.equal(
      (await admin.patch(`/api/v1/members/${adminMember}`, { role: "agent" })).status,
      204,
      "now another admin exists",
    );
    assert.equal(
      (await admin.post("/api/v1/invitations", { email: "z@z.example" })).status,
      403,
      "a demoted admin loses admin rights at once",
    );
  });
});

describe("teams, views and search", () => {
  test("teams hold staff; cases can be filtered by team", async () => {
    const { client: agent, email } = await staffClient(server, "admin");
    const id = await memberId(email);
    const created = await agent.post("/api/v1/teams", { name: "Networking", memberIds: [id] });
    assert.equal(created.status, 201);
    const team = created.body.items.find((t: { name: string }) => t.name === "Networking");
    assert.equal(team.members[0].email, email);
    assert.equal((await agent.post("/api/v1/teams", { name: "networking" })).status, 409);
    const customer = (await agent.post("/api/v1/customers", { name: "T" })).body;
    const c = (
      await agent.post("/api/v1/cases", {
        customerId: customer.id,
        subject: "Router",
        message: "M",
        teamId: team.id,
      })
    ).body;
    const list = await agent.get(`/api/v1/cases?team=${team.id}`);
    assert.deepEqual(
      list.body.items.map((x: { id: string }) => x.id),
      [c.id],
    );
    const { client: customerC } = await customerClient(server);
    const bad = await agent.patch(`/api/v1/teams/${team.id}`, {
      memberIds: [(await customerC.get("/api/v1/me")).body.user.id],
    });
    assert.equal(bad.status, 400);
    assert.equal((await agent.delete(`/api/v1/teams/${team.id}`)).status, 204);
    assert.equal((await agent.get(`/api/v1/cases/${c.id}`)).body.team, null);
  });

  test("a team's leads are set and kept through member changes; a lead must be a member", async () => {
    const { client: admin, email } = await staffClient(server, "admin");
    const other = await staffClient(server, "agent");
    const [adminId, agentId] = [await memberId(email), await memberId(other.email)];
    const made = await admin.post("/api/v1/teams", {
      name: "Leads",
      memberIds: [adminId, agentId],
      leadIds: [agentId],
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const team = made.body.items.find((t: { name: string }) => t.name === "Leads");
    const leadOf = (t: { members: Array<{ id: string; isLead: boolean }> }) =>
      t.members.filter((m) => m.isLead).map((m) => m.id);
    assert.deepEqual(leadOf(team), [agentId]);
    // Changing the members keeps a lead who stays.
    const same = await admin.patch(`/api/v1/teams/${team.id}`, { memberIds: [agentId] });
    assert.deepEqual(leadOf(same.body.items.find((t: { id: string }) => t.id === team.id)), [agentId]);
    const notMember = await admin.patch(`/api/v1/teams/${team.id}`, { leadIds: [adminId] });
    assert.equal(notMember.status, 400);
    assert.equal(notMember.body.error.field, "leadIds");
    const none = await admin.patch(`/api/v1/teams/${team.id}`, { leadIds: [] });
    assert.deepEqual(leadOf(none.body.items.find((t: { id: string }) => t.id === team.id)), []);
    assert.equal((await other.client.patch(`/api/v1/teams/${team.id}`, { leadIds: [agentId] })).status, 403);
  });

  test("saved views are personal", async () => {
    const { client: a } = await staffClient(server, "agent");
    const { client: b } = await staffClient(server, "agent");
    const saved = await a.post("/api/v1/views", {
      name: "Urgent VIPs",
      filters: { tag: "vip", status: "open" },
    });
    assert.equal(saved.status, 201);
    assert.deepEqual(
      (await a.get("/api/v1/views")).body.items.map((v: { name: string }) => v.name),
      ["Urgent VIPs"],
    );
    assert.deepEqual((await b.get("/api/v1/views")).body.items, []);
    assert.equal((await b.delete(`/api/v1/views/${saved.body.id}`)).status, 404);
    const bad = await a.post("/api/v1/views", { name: "x", filters: { colour: "red" } });
    assert.equal(bad.status, 400);
  });

  test("global search finds customers by phone in any format and cases by message text", async () => {
    const customer = (
      await admin.post("/api/v1/customers", { name: "Search Me", phones: ["+1 415 555 0177"] })
    ).body;
    await admin.post("/api/v1/cases", {
      customerId: customer.id,
      subject: "Crackling",
      message: "The subwoofer crackles at low volume",
    });
    const byPhone = await admin.get(`/api/v1/search?q=${encodeURIComponent("(415) 555-0177")}`);
    assert.equal(byPhone.body.customers[0].id, customer.id);
    const byText = await admin.get("/api/v1/search?q=subwoofer");
    assert.equal(byText.body.cases[0].subject, "Crackling");
    const { client: other } = await otherWorkspace(server);
    const foreign = await other.get("/api/v1/search?q=subwoofer");
    assert.deepEqual(foreign.body, { customers: [], cases: [], problems: [] });
  });
});

test("collision notice: agents see who else is viewing or replying to a case", async () => {
  const { client: a } = await staffClient(server, "agent");
  const { client: b } = await staffClient(server, "agent");
  const open = (c: TestClient) => {
    const ws = new WebSocket(`${server.url.replace("http", "ws")}/api/v1/realtime`, {
      headers: { ...c.authHeaders(), origin: server.url },
    });
    const got: Array<Record<string, unknown>> = [];
    ws.on("message", (d) => got.push(JSON.parse(d.toString())));
    return { ws, got };
  };
  const sa = open(a);
  const sb = open(b);
  await eventually(() => (sa.got.length && sb.got.length ? true : undefined));
  const caseId = "11111111-1111-4111-8111-111111111111";
  sa.ws.send(JSON.stringify({ type: "presence", caseId, state: "replying" }));
  const seen = await eventually(() => sb.got.find((m) => m.type === "presence" && m.state === "replying"));
  assert.equal(seen.caseId, caseId);
  sa.ws.close();
  await eventually(() => sb.got.find((m) => m.type === "presence" && m.state === "left"));
  sb.ws.send("not json");
  sb.ws.send(JSON.stringify({ type: "presence", caseId: "nope", state: "viewing" }));
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(sb.ws.readyState, WebSocket.OPEN, "garbage is ignored, the socket stays up");
  sb.ws.close();
});
