import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { generateSync } from "otplib";
import { TestClient } from "../../../test/client.ts";
import { PASSWORD, setUpWorkspace, signIn, staffClient, uniqueEmail } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { createStaffMember } from "../accounts/accounts.service.ts";

/**
 * Two-factor sign-in (issue #23): enrolment over the API, sign-in with a TOTP code computed
 * here by otplib (an independent implementation), recovery codes (hashed, single use), wrong
 * codes limited, and the required-2FA gate. Each test signs in from its own client address
 * (TRUST_PROXY), so Better Auth's per-client limits in one test cannot throttle another.
 */
let server: TestServer;
let admin: TestClient;
let nextIp = 10;

/** A browser at its own address. */
class Browser extends TestClient {
  readonly ip = `198.51.100.${nextIp++}`;
  protected override send(url: string, init: RequestInit): Promise<Response> {
    const headers = { ...(init.headers as Record<string, string>), "x-forwarded-for": this.ip };
    return fetch(url, { ...init, headers });
  }
}

const q = (sql: string, params: unknown[] = []) => server.runtime.ctx.pool.query(sql, params);
const codeFor = (secret: string) => generateSync({ secret });

before(async () => {
  server = await startTestServer({ env: { TRUST_PROXY: "true" } });
  ({ admin } = await setUpWorkspace(server));
});
after(() => server.close());

async function newAgent(role: "agent" | "engineer" = "agent") {
  const email = uniqueEmail(role);
  await createStaffMember(server.runtime.ctx, { email, name: `Tess ${role}`, password: PASSWORD, role });
  const browser = await signIn(new Browser(server.url), email);
  return { email, browser };
}

async function enrol(browser: TestClient) {
  const started = await browser.post("/api/v1/me/2fa/enrol", { password: PASSWORD });
  assert.equal(started.status, 200, JSON.stringify(started.body));
  const confirmed = await browser.post("/api/v1/me/2fa/confirm", { code: codeFor(started.body.secret) });
  assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  return started.body as { secret: string; otpauthUri: string; recoveryCodes: string[] };
}

/** Password first; the answer asks for the second factor and sets no session yet. */
async function passwordStep(email: string) {
  const browser = new Browser(server.url);
  const res = await browser.post("/api/auth/sign-in/email", { email, password: PASSWORD });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.twoFactorRedirect, true);
  assert.deepEqual(res.body.twoFactorMethods, ["totp"]);
  assert.equal(browser.hasSession, false, "no session before the code");
  assert.equal((await browser.get("/api/v1/me")).status, 401);
  return browser;
}

test("enrol with the password, confirm with a code; sign-in then needs a TOTP code", async () => {
  const { email, browser } = await newAgent();
  const wrongPassword = await browser.post("/api/v1/me/2fa/enrol", { password: "not-my-password" });
  assert.equal(wrongPassword.status, 400);
  assert.equal(wrongPassword.body.error.field, "password");

  const started = await browser.post("/api/v1/me/2fa/enrol", { password: PASSWORD });
  assert.equal(started.status, 200);
  assert.match(started.body.otpauthUri, /^otpauth:\/\/totp\/.+secret=/);
  assert.equal(started.body.recoveryCodes.length, 10);
  assert.deepEqual((await browser.get("/api/v1/me/2fa")).body, {
    enabled: false,
    pending: true,
    required: false,
    recoveryCodesLeft: 0,
  });
  // Until confirmed, sign-in stays password-only.
  assert.equal((await signIn(new Browser(server.url), email)).hasSession, true);

  const bad = await browser.post("/api/v1/me/2fa/confirm", { code: "12345" });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, "code");
  const wrong = await browser.post("/api/v1/me/2fa/confirm", {
    code: String((Number(codeFor(started.body.secret)) + 1) % 1_000_000).padStart(6, "0"),
  });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.error.field, "code");
  const ok = await browser.post("/api/v1/me/2fa/confirm", { code: codeFor(started.body.secret) });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.enabled, true);
  assert.equal(ok.body.recoveryCodesLeft, 10);
  assert.equal((await browser.get("/api/v1/me")).status, 200, "the enrolling browser stays signed in");

  const next = await passwordStep(email);
  const wrongCode = await next.post("/api/auth/two-factor/verify-totp", { code: "000000" });
  assert.equal(wrongCode.status, 401);
  const signed = await next.post("/api/auth/two-factor/verify-totp", { code: codeFor(started.body.secret) });
  assert.equal(signed.status, 200, JSON.stringify(signed.body));
  assert.equal(signed.body.token, undefined, "the session token never reaches page scripts");
  assert.equal((await next.get("/api/v1/me")).body.user.email, email);

  const { rows } = await q(
    // Sign-ins are audited too (audit/sign-ins.ts); this test is about the 2FA records.
    `select action from audit_log where subject_id = (select id from auth."user" where email = $1)
        and action like '2fa.%'`,
    [email],
  );
  assert.deepEqual(
    rows.map((r) => r.action),
    ["2fa.enabled"],
  );
});

test("recovery codes are stored as hashes, sign in once each, and can be replaced", async () => {
  const { email, browser } = await newAgent();
  const { recoveryCodes } = await enrol(browser);
  const stored = (
    await q(
      `select "backupCodes" from auth."twoFactor" t join auth."user" u on u.id = t."userId" where u.email = $1`,
      [email],
    )
  ).rows[0].backupCodes as string;
  for (const code of recoveryCodes) assert.ok(!stored.includes(code), "no recovery code is stored as typed");
  assert.equal(JSON.parse(stored).length, 10);

  const first = await passwordStep(email);
  const used = await first.post("/api/auth/two-factor/verify-backup-code", { code: recoveryCodes[3] });
  assert.equal(used.status, 200, JSON.stringify(used.body));
  assert.equal((await first.get("/api/v1/me")).status, 200);
  assert.equal((await first.get("/api/v1/me/2fa")).body.recoveryCodesLeft, 9);

  const again = await passwordStep(email);
  const reused = await again.post("/api/auth/two-factor/verify-backup-code", { code: recoveryCodes[3] });
  assert.equal(reused.status, 401, "a recovery code works once");
  assert.equal((await again.get("/api/v1/me")).status, 401);

  const wrongPassword = await browser.post("/api/v1/me/2fa/recovery-codes", { password: "not-my-password" });
  assert.equal(wrongPassword.body.error.field, "password");
  const fresh = await browser.post("/api/v1/me/2fa/recovery-codes", { password: PASSWORD });
  assert.equal(fresh.status, 200);
  assert.equal(fresh.body.recoveryCodes.length, 10);
  const old = await passwordStep(email);
  assert.equal(
    (await old.post("/api/auth/two-factor/verify-backup-code", { code: recoveryCodes[5] })).status,
    401,
    "old codes stop working",
  );
  const withNew = await passwordStep(email);
  assert.equal(
    (await withNew.post("/api/auth/two-factor/verify-backup-code", { code: fresh.body.recoveryCodes[0] }))
      .status,
    200,
  );
  const { rows } = await q(
    `select action from audit_log where subject_id = (select id from auth."user" where email = $1) order by created_at`,
    [email],
  );
  assert.ok(rows.some((r) => r.action === "2fa.recovery_regenerated"));
});

test("wrong codes are limited: a client gets 429 after a few, the challenge ends, the account locks", async () => {
  const { email, browser } = await newAgent();
  const { secret } = await enrol(browser);
  const guesser = await passwordStep(email);
  const statuses: number[] = [];
  for (let i = 0; i < 7; i++)
    statuses.push((await guesser.post("/api/auth/two-factor/verify-totp", { code: "000001" })).status);
  assert.ok(statuses.includes(429), `expected a 429 among ${statuses.join(",")}`);
  // Even the right code no longer works from this client for now.
  assert.notEqual(
    (await guesser.post("/api/auth/two-factor/verify-totp", { code: codeFor(secret) })).status,
    200,
  );
  assert.equal((await guesser.get("/api/v1/me")).status, 401);
  // The per-account budget (5 wrong in a row) holds across clients: the account's second factor is locked.
  const { rows } = await q(
    `select "failedVerificationCount", "lockedUntil" from auth."twoFactor" t join auth."user" u on u.id = t."userId" where u.email = $1`,
    [email],
  );
  assert.ok(rows[0].failedVerificationCount >= 4, JSON.stringify(rows[0]));
});

test("a role required to use 2FA can only enrol until it has; the gate opens after", async () => {
  const { email, browser } = await newAgent("engineer");
  const { client: engineerToken } = await staffClient(server, "engineer");
  try {
    const set = await admin.patch("/api/v1/security/policy", { requireTwoFactorRoles: ["engineer"] });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.deepEqual(set.body.requireTwoFactorRoles, ["engineer"]);

    const blocked = await browser.get("/api/v1/cases");
    assert.equal(blocked.status, 403);
    assert.equal(blocked.body.error.code, "two_factor_required");
    assert.equal((await browser.get("/api/v1/me/profile")).body.error.code, "two_factor_required");
    assert.equal((await browser.get("/api/v1/me")).status, 200, "who am I stays open");
    assert.equal((await browser.get("/api/v1/me/2fa")).body.required, true);
    assert.equal((await engineerToken.get("/api/v1/cases")).status, 200, "API tokens are not gated");
    assert.equal((await admin.get("/api/v1/cases")).status, 200, "other roles are not gated");

    const { secret } = await enrol(browser);
    assert.equal((await browser.get("/api/v1/cases")).status, 200, "enrolled: the gate opens at once");
    const off = await browser.post("/api/v1/me/2fa/disable", { password: PASSWORD });
    assert.equal(off.status, 409, "a required second factor cannot be turned off");

    // A fresh sign-in of that person asks for the code, then works.
    const next = await passwordStep(email);
    assert.equal(
      (await next.post("/api/auth/two-factor/verify-totp", { code: codeFor(secret) })).status,
      200,
    );
    assert.equal((await next.get("/api/v1/cases")).status, 200);
  } finally {
    await admin.patch("/api/v1/security/policy", { requireTwoFactorRoles: [] });
  }
  const { rows } = await q(
    `select data from audit_log where action = 'security.policy_changed' order by created_at`,
  );
  assert.deepEqual(rows[0].data.after.requireTwoFactorRoles, ["engineer"]);
  const off = await browser.post("/api/v1/me/2fa/disable", { password: PASSWORD });
  assert.equal(off.status, 200);
  assert.equal(off.body.enabled, false);
  assert.equal((await browser.get("/api/v1/me")).status, 200, "the session survives turning 2FA off");
  assert.equal((await signIn(new Browser(server.url), email)).hasSession, true, "password-only again");
});

test("only admins change the sign-in rules, and bad rules are refused naming the field", async () => {
  const { client: agent } = await staffClient(server, "agent");
  assert.equal((await agent.patch("/api/v1/security/policy", { passwordMinLength: 12 })).status, 403);
  const short = await admin.patch("/api/v1/security/policy", { passwordMinLength: 8 });
  assert.equal(short.status, 400);
  assert.equal(short.body.error.field, "passwordMinLength");
  const role = await admin.patch("/api/v1/security/policy", { requireTwoFactorRoles: ["customer"] });
  assert.equal(role.status, 400);
  assert.match(role.body.error.field, /^requireTwoFactorRoles/);
  assert.equal((await new TestClient(server.url).get("/api/v1/me/2fa")).status, 401);
});
