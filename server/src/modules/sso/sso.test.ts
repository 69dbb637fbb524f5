import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import {
  customerClient,
  PASSWORD,
  setUpWorkspace,
  staffClient,
  uniqueEmail,
} from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { HostClient } from "../../../test/host-client.ts";
import { insertWorkspaceWithHost } from "../workspaces/workspaces.repo.ts";
import { loginAtIdp, startTestIdp, type TestIdp } from "./sso.testkit.ts";

let server: TestServer;
let idp: TestIdp;
let admin: TestClient;
let adminEmail: string;
let adminMemberId: string;
let agent: TestClient;
let agentEmail: string;
let teamId: string;

const q = (text: string, params: unknown[] = []) => server.runtime.ctx.pool.query(text, params);

before(async () => {
  server = await startTestServer();
  idp = await startTestIdp([`${server.url}/api/auth/sso/callback`]);
  ({ admin, adminEmail } = await setUpWorkspace(server));
  ({ client: agent, email: agentEmail } = await staffClient(server, "agent"));
  const members = (await admin.get("/api/v1/members?limit=100")).body.items as Array<{
    id: string;
    email: string;
  }>;
  adminMemberId = members.find((m) => m.email === adminEmail)?.id ?? "";
  const team = await admin.post("/api/v1/teams", { name: "Tier 2", memberIds: [] });
  assert.equal(team.status, 201, JSON.stringify(team.body));
  teamId = team.body.items.find((t: { name: string }) => t.name === "Tier 2").id;
});
after(async () => {
  await idp?.close();
  await server?.close();
});

function settings(extra: Record<string, unknown> = {}) {
  return {
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    allowedDomains: ["example.test"],
    jitEnabled: false,
    jitRole: "agent",
    groupClaim: "groups",
    groupMappings: [{ group: "tier2", role: "engineer", teamIds: [teamId] }],
    requireSso: false,
    breakGlassMemberId: null,
    ...extra,
  };
}

async function configure(extra: Record<string, unknown> = {}) {
  const res = await admin.put("/api/v1/sso", settings(extra));
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

/** A browser: Sign in with SSO on Rapport, log in at the provider, come back to the callback. */
async function ssoSignIn(login: string) {
  const browser = new TestClient(server.url);
  const start = await browser.get("/api/v1/sso/start");
  assert.equal(start.status, 302);
  const authorize = start.headers.get("location") ?? "";
  assert.ok(authorize.startsWith(`${idp.issuer}/`), `start went to ${authorize}`);
  const callback = await loginAtIdp(authorize, login);
  assert.equal(callback.origin, server.url, `the provider sent the browser to ${callback.href}`);
  const landed = await browser.get(callback.pathname + callback.search);
  assert.equal(landed.status, 302);
  return { browser, location: landed.headers.get("location") ?? "", callback };
}

async function auditActions(action: string) {
  const { rows } = await q("select data from audit_log where action = $1 order by created_at", [action]);
  return rows.map((r) => r.data as Record<string, unknown>);
}

describe("configuring SSO", () => {
  test("bad input is a 400 naming the field", async () => {
    const bad = [
      [{ ...settings(), issuer: "not a url" }, "issuer"],
      [{ ...settings(), clientId: "" }, "clientId"],
      [{ ...settings(), allowedDomains: ["not a domain"] }, "allowedDomains.0"],
      [{ ...settings(), jitRole: "customer" }, "jitRole"],
      [
        { ...settings(), groupMappings: [{ group: "x", role: "agent", teamIds: ["nope"] }] },
        "groupMappings.0.teamIds.0",
      ],
      [{ ...settings(), unknown: true }, ""],
      [settings({ requireSso: true, breakGlassMemberId: null }), "breakGlassMemberId"],
      [settings({ breakGlassMemberId: crypto.randomUUID() }), "breakGlassMemberId"],
      [
        settings({ groupMappings: [{ group: "x", role: null, teamIds: [crypto.randomUUID()] }] }),
        "groupMappings.0.teamIds",
      ],
    ] as const;
    for (const [body, field] of bad) {
      const res = await admin.put("/api/v1/sso", body);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.error.code, "validation_failed");
      if (field) assert.equal(res.body.error.field, field, JSON.stringify(res.body));
    }
    const none = await admin.get("/api/v1/sso");
    assert.equal(none.body.configured, false, "nothing half-written");
  });

  test("only admins configure SSO", async () => {
    assert.equal((await agent.get("/api/v1/sso")).status, 403);
    assert.equal((await agent.put("/api/v1/sso", settings())).status, 403);
    assert.equal((await new TestClient(server.url).get("/api/v1/sso")).status, 401);
  });

  test("the client secret is sealed at rest and never returned", async () => {
    const saved = await configure();
    assert.equal(saved.clientSecret, "set");
    assert.equal(saved.redirectUrl, `${server.url}/api/auth/sso/callback`);
    const read = await admin.get("/api/v1/sso");
    assert.ok(!JSON.stringify(read.body).includes(idp.clientSecret));
    const { rows } = await q("select client_secret_enc from sso_settings");
    assert.ok(rows[0].client_secret_enc && !rows[0].client_secret_enc.includes(idp.clientSecret));
    // Saving without a secret keeps the stored one.
    const { clientSecret: _s, ...withoutSecret } = settings();
    const kept = await admin.put("/api/v1/sso", withoutSecret);
    assert.equal(kept.status, 200);
    assert.equal(kept.body.clientSecret, "set");
    const audits = await auditActions("sso.configured");
    assert.ok(audits.length >= 2);
    assert.ok(!JSON.stringify(audits).includes(idp.clientSecret), "the audit log never holds the secret");
  });

  test("the discovery check reaches a real provider and reports a wrong one", async () => {
    const ok = await admin.post("/api/v1/sso/discovery", { issuer: idp.issuer });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.ok, true);
    assert.equal(ok.body.issuer, idp.issuer);
    assert.equal(ok.body.authorizationEndpoint, `${idp.issuer}/auth`);
    const wrong = await admin.post("/api/v1/sso/discovery", { issuer: `${server.url}/nothing-here` });
    assert.equal(wrong.body.ok, false);
    assert.ok(wrong.body.error);
    const bad = await admin.post("/api/v1/sso/discovery", { issuer: "ftp://x" });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "issuer");
  });

  test("the login page learns that SSO is offered", async () => {
    const status = await new TestClient(server.url).get("/api/v1/sso/status");
    assert.deepEqual(status.body, { enabled: true, startUrl: "/api/v1/sso/start" });
  });
});

describe("signing in with SSO", () => {
  test("an existing staff member signs in through the provider and gets a Better Auth session", async () => {
    await configure();
    idp.accounts.set("agent-1", { email: agentEmail.toUpperCase(), email_verified: true, name: "Agent One" });
    const { browser, location } = await ssoSignIn("agent-1");
    assert.equal(location, "/app");
    const me = await browser.get("/api/v1/me");
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.equal(me.body.user.email, agentEmail);
    assert.equal(me.body.role, "agent");
    assert.ok(browser.hasSession);
    const signedIn = await auditActions("sso.signed_in");
    assert.equal(signedIn.at(-1)?.subject, "agent-1");
    // The session is Better Auth's own: signing out ends it.
    await browser.post("/api/auth/sign-out", {});
    assert.equal((await browser.get("/api/v1/me")).status, 401);
  });

  test("without JIT an unknown person is refused with a reason for the login page", async () => {
    idp.accounts.set("stranger", { email: uniqueEmail("stranger"), email_verified: true });
    const { browser, location } = await ssoSignIn("stranger");
    assert.equal(location, "/login?sso_error=unknown_user");
    assert.equal((await browser.get("/api/v1/me")).status, 401);
    assert.equal((await auditActions("sso.refused")).at(-1)?.reason, "unknown_user");
  });

  test("with JIT a new agent is created, and the group mapping gives role and team", async () => {
    await configure({ jitEnabled: true, jitRole: "agent" });
    const plain = uniqueEmail("jit");
    idp.accounts.set("jit-plain", { email: plain, email_verified: true, name: "Jit Plain" });
    const first = await ssoSignIn("jit-plain");
    const me = await first.browser.get("/api/v1/me");
    assert.equal(me.status, 200);
    assert.equal(me.body.role, "agent");
    assert.equal(me.body.user.name, "Jit Plain");

    const lead = uniqueEmail("jit-lead");
    idp.accounts.set("jit-lead", {
      email: lead,
      email_verified: true,
      name: "Jit Lead",
      groups: ["tier2", "other"],
    });
    const second = await ssoSignIn("jit-lead");
    const leadMe = await second.browser.get("/api/v1/me");
    assert.equal(leadMe.body.role, "engineer");
    const teams = await admin.get("/api/v1/teams");
    const tier2 = teams.body.items.find((t: { id: string }) => t.id === teamId);
    assert.ok(tier2.members.some((m: { email: string }) => m.email === lead));
    assert.ok(!tier2.members.some((m: { email: string }) => m.email === plain));
    const created = await auditActions("sso.user_created");
    assert.deepEqual(
      created.map((c) => c.email),
      [plain, lead],
    );
  });

  test("the mapping also moves an existing member to the mapped role at the next sign-in", async () => {
    const { email } = await staffClient(server, "agent");
    idp.accounts.set("moved", { email, email_verified: true, groups: ["tier2"] });
    const { browser } = await ssoSignIn("moved");
    assert.equal((await browser.get("/api/v1/me")).body.role, "engineer");
  });

  test("a domain outside the allowed list is refused, even with JIT on", async () => {
    idp.accounts.set("outsider", { email: "someone@elsewhere.example", email_verified: true });
    const { browser, location } = await ssoSignIn("outsider");
    assert.equal(location, "/login?sso_error=domain_not_allowed");
    assert.equal((await browser.get("/api/v1/me")).status, 401);
    const { rows } = await q("select 1 from auth.user where email = 'someone@elsewhere.example'");
    assert.equal(rows.length, 0, "no account was made");
  });

  test("an unverified email is refused", async () => {
    idp.accounts.set("unverified", { email: uniqueEmail("unverified"), email_verified: false });
    const { location } = await ssoSignIn("unverified");
    assert.equal(location, "/login?sso_error=email_unverified");
  });

  test("a customer account cannot become staff through SSO", async () => {
    const { email } = await customerClient(server);
    idp.accounts.set("customer", { email, email_verified: true });
    const { browser, location } = await ssoSignIn("customer");
    assert.equal(location, "/login?sso_error=not_staff");
    assert.equal((await browser.get("/api/v1/me")).status, 401);
  });

  test("a made-up or replayed state is refused", async () => {
    const forged = await new TestClient(server.url).get("/api/auth/sso/callback?code=abc&state=forged");
    assert.equal(forged.status, 302);
    assert.equal(forged.headers.get("location"), "/login?sso_error=bad_state");
    idp.accounts.set("replay", { email: agentEmail, email_verified: true });
    const { callback } = await ssoSignIn("replay");
    const again = await new TestClient(server.url).get(callback.pathname + callback.search);
    assert.equal(again.headers.get("location"), "/login?sso_error=bad_state");
  });
});

describe("requiring SSO", () => {
  test("staff passwords are refused except the break-glass admin's; customers' links still work", async () => {
    await configure({ requireSso: true, breakGlassMemberId: adminMemberId });
    try {
      const refused = await new TestClient(server.url).post("/api/auth/sign-in/email", {
        email: agentEmail,
        password: PASSWORD,
      });
      assert.equal(refused.status, 403, JSON.stringify(refused.body));
      assert.match(refused.body.message, /requires single sign-on/);
      // Nor on another workspace's host, where the agent is no member: the session would act in
      // this workspace there (the person's first staff membership), so the same rule holds.
      await insertWorkspaceWithHost(server.runtime.ctx.db, "Elsewhere", "elsewhere-sso.localhost");
      const viaOtherHost = await new HostClient(server.url, "elsewhere-sso.localhost").post(
        "/api/auth/sign-in/email",
        { email: agentEmail, password: PASSWORD },
      );
      assert.equal(viaOtherHost.status, 403, JSON.stringify(viaOtherHost.body));
      const breakGlass = await new TestClient(server.url).post("/api/auth/sign-in/email", {
        email: adminEmail,
        password: PASSWORD,
      });
      assert.equal(breakGlass.status, 200, JSON.stringify(breakGlass.body));
      const customer = await customerClient(server);
      assert.equal((await customer.client.get("/api/v1/me")).status, 200);
      // The agent still gets in through SSO.
      idp.accounts.set("required", { email: agentEmail, email_verified: true });
      const { location } = await ssoSignIn("required");
      assert.equal(location, "/app");
      assert.equal((await auditActions("sso.refused")).at(-1)?.reason, "password_sign_in");
    } finally {
      await configure({ requireSso: false });
    }
    const allowed = await new TestClient(server.url).post("/api/auth/sign-in/email", {
      email: agentEmail,
      password: PASSWORD,
    });
    assert.equal(allowed.status, 200);
  });

  test("removing the configuration hides the SSO button", async () => {
    assert.equal((await admin.delete("/api/v1/sso")).status, 204);
    assert.equal((await new TestClient(server.url).get("/api/v1/sso/status")).body.enabled, false);
    const start = await new TestClient(server.url).get("/api/v1/sso/start");
    assert.equal(start.headers.get("location"), "/login?sso_error=not_configured");
    assert.equal((await admin.delete("/api/v1/sso")).status, 404);
  });
});
