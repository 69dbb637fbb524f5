import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import {
  otherWorkspace,
  PASSWORD,
  setUpWorkspace,
  signIn,
  staffClient,
  uniqueEmail,
} from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { createStaffMember } from "../accounts/accounts.service.ts";

/**
 * Sessions (issue #23): a person sees where they are signed in and ends any of those
 * sessions; an admin signs a staff member out everywhere. And the password policy, applied
 * wherever a password is set.
 */
let server: TestServer;
let admin: TestClient;
const q = (sql: string, params: unknown[] = []) => server.runtime.ctx.pool.query(sql, params);

before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
});
after(() => server.close());

async function newStaff(name = "Sam Staff") {
  const email = uniqueEmail("staff");
  await createStaffMember(server.runtime.ctx, { email, name, password: PASSWORD, role: "agent" });
  return email;
}

test("a person lists their sessions and signs one out; that browser's cookie stops working", async () => {
  const email = await newStaff();
  const laptop = await signIn(new TestClient(server.url), email);
  const phone = new TestClient(server.url);
  const res = await phone.post(
    "/api/auth/sign-in/email",
    { email, password: PASSWORD },
    {
      "user-agent":
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
    },
  );
  assert.equal(res.status, 200);

  const listed = await laptop.get("/api/v1/me/sessions");
  assert.equal(listed.status, 200);
  assert.equal(listed.body.items.length, 2);
  const current = listed.body.items.filter((s: { current: boolean }) => s.current);
  assert.equal(current.length, 1, "exactly one is this browser");
  const other = listed.body.items.find((s: { current: boolean }) => !s.current);
  assert.equal(other.device, "Safari on iOS");
  assert.ok(other.ipAddress, "the address is shown");
  assert.ok(!Number.isNaN(Date.parse(other.lastSeenAt)));

  assert.equal((await phone.get("/api/v1/me")).status, 200);
  assert.equal((await laptop.delete(`/api/v1/me/sessions/${other.id}`)).status, 204);
  assert.equal((await phone.get("/api/v1/me")).status, 401, "the signed-out browser is out");
  assert.equal((await laptop.get("/api/v1/me")).status, 200, "this browser stays in");
  assert.equal((await laptop.delete(`/api/v1/me/sessions/${other.id}`)).status, 404);

  // Someone else's session id is unknown to you.
  const adminSessions = await admin.get("/api/v1/me/sessions");
  const adminCurrent = adminSessions.body.items.find((s: { current: boolean }) => s.current);
  assert.equal((await laptop.delete(`/api/v1/me/sessions/${adminCurrent.id}`)).status, 404);
  assert.equal((await admin.get("/api/v1/me")).status, 200);

  const { rows } = await q(`select action, data from audit_log where action = 'session.revoked'`);
  assert.deepEqual(rows[0].data, { sessionId: other.id });
});

test("an admin signs a staff member out everywhere; only admins, only their own workspace", async () => {
  const email = await newStaff();
  const one = await signIn(new TestClient(server.url), email);
  const two = await signIn(new TestClient(server.url), email);
  const memberId = (
    await q(`select m.id from memberships m join auth."user" u on u.id = m.user_id where u.email = $1`, [
      email,
    ])
  ).rows[0].id as string;

  const { client: agent } = await staffClient(server, "agent");
  assert.equal((await agent.post(`/api/v1/members/${memberId}/sign-out`)).status, 403);
  const { client: foreignAdmin } = await otherWorkspace(server);
  assert.equal((await foreignAdmin.post(`/api/v1/members/${memberId}/sign-out`)).status, 404);
  assert.equal((await one.get("/api/v1/me")).status, 200);

  const done = await admin.post(`/api/v1/members/${memberId}/sign-out`);
  assert.equal(done.status, 200, JSON.stringify(done.body));
  assert.equal(done.body.sessionsEnded, 2);
  assert.equal((await one.get("/api/v1/me")).status, 401);
  assert.equal((await two.get("/api/v1/me")).status, 401);
  assert.equal((await signIn(new TestClient(server.url), email)).hasSession, true, "they can sign in again");
  const { rows } = await q(
    `select data from audit_log where action = 'member.signed_out_everywhere' and subject_id = $1`,
    [memberId],
  );
  assert.deepEqual(rows[0].data, { sessionsEnded: 2 });
});

test("the password policy refuses common passwords, your own name or email, and short ones", async () => {
  const email = await newStaff("Marguerite Fontaine");
  const me = await signIn(new TestClient(server.url), email);
  const change = (newPassword: string) =>
    me.post("/api/v1/me/password", { currentPassword: PASSWORD, newPassword });

  for (const [pw, reason] of [
    ["password1234", /common or breached/],
    ["Qwertyuiop!", /common or breached/],
    ["iloveyou2024", /common or breached/],
    [email, /email address or name/],
    ["MargueriteFontaine", /email address or name/],
    ["marguerite-fontaine-1", /email address or name/],
  ] as const) {
    const res = await change(pw);
    assert.equal(res.status, 422, `${pw}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.error.field, "newPassword");
    assert.match(res.body.error.message, reason);
  }

  // An admin raises the minimum: a 12-character password is now too short.
  assert.equal((await admin.patch("/api/v1/security/policy", { passwordMinLength: 16 })).status, 200);
  try {
    const tooShort = await change("tidal-lantern");
    assert.equal(tooShort.status, 422);
    assert.match(tooShort.body.error.message, /at least 16 characters/);

    // Invitations accepted and CLI-made staff follow the same rules.
    const invited = await admin.post("/api/v1/invitations", { email: uniqueEmail("invitee") });
    const token = decodeURIComponent(invited.body.link.split("/invite/")[1]);
    const accept = await new TestClient(server.url).post("/api/v1/invitations/accept", {
      token,
      name: "Ines Invitee",
      password: "sunshine12345",
    });
    assert.equal(accept.status, 422, JSON.stringify(accept.body));
    assert.equal(accept.body.error.field, "password");
    await assert.rejects(
      createStaffMember(server.runtime.ctx, {
        email: uniqueEmail("cli"),
        name: "Cli Person",
        password: "football12345678",
        role: "agent",
      }),
      /common or breached/,
    );
    const good = await new TestClient(server.url).post("/api/v1/invitations/accept", {
      token,
      name: "Ines Invitee",
      password: "granite-orchard-velvet",
    });
    assert.equal(good.status, 201, JSON.stringify(good.body));
  } finally {
    await admin.patch("/api/v1/security/policy", { passwordMinLength: 10 });
  }
  assert.equal((await change("quiet-harbour-lamps")).status, 204, "a decent password is accepted");
});
