import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { customerClient, PASSWORD, setUpWorkspace, signIn, uniqueEmail } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { SoftwarePasskey } from "../../../test/webauthn.ts";
import { createStaffMember } from "../accounts/accounts.service.ts";

/**
 * Passkeys (issue #23) end to end over HTTP: a software authenticator (test/webauthn.ts) talks
 * to Better Auth's passkey plugin exactly as a browser would, so adding a passkey, signing in
 * with it, the user-verification rule, removal and the audit records are the real thing.
 */
let server: TestServer;
let admin: TestClient;
let workspaceId: string;

const q = (sql: string, params: unknown[] = []) => server.runtime.ctx.pool.query(sql, params);

before(async () => {
  server = await startTestServer();
  ({ admin, workspaceId } = await setUpWorkspace(server));
});
after(() => server.close());

async function newAgent() {
  const email = uniqueEmail("agent");
  await createStaffMember(server.runtime.ctx, {
    email,
    name: "Pia Passkey",
    password: PASSWORD,
    role: "agent",
  });
  const browser = await signIn(new TestClient(server.url), email);
  const me = await browser.get("/api/v1/me");
  return { email, browser, userId: me.body.user.id as string };
}

async function addPasskey(browser: TestClient, device: SoftwarePasskey, name = "Work laptop") {
  const options = await browser.get("/api/auth/passkey/generate-register-options");
  assert.equal(options.status, 200, JSON.stringify(options.body));
  // Rapport asks for a discoverable credential and the authenticator's PIN or biometric.
  assert.equal(options.body.authenticatorSelection.residentKey, "required");
  assert.equal(options.body.authenticatorSelection.userVerification, "required");
  return browser.post("/api/auth/passkey/verify-registration", {
    response: device.create(options.body),
    name,
  });
}

/** The login page's flow: no email typed, the authenticator names the credential. */
async function signInWithPasskey(device: SoftwarePasskey) {
  const browser = new TestClient(server.url);
  const options = await browser.get("/api/auth/passkey/generate-authenticate-options");
  assert.equal(options.status, 200, JSON.stringify(options.body));
  const res = await browser.post("/api/auth/passkey/verify-authentication", {
    response: device.get(options.body),
  });
  return { browser, res };
}

async function auditRows(action: string, userId: string) {
  const { rows } = await q(
    `select action, actor_user_id, data from audit_log where action = $1 and subject_id = $2 order by seq`,
    [action, userId],
  );
  return rows as Array<{ action: string; actor_user_id: string | null; data: Record<string, unknown> }>;
}

test("add a passkey, see it listed and audited, then sign in with it and no password", async () => {
  const { email, browser, userId } = await newAgent();
  const device = new SoftwarePasskey(server.url);
  const added = await addPasskey(browser, device);
  assert.equal(added.status, 200, JSON.stringify(added.body));

  const list = await browser.get("/api/v1/me/passkeys");
  assert.equal(list.status, 200);
  assert.equal(list.body.items.length, 1);
  assert.equal(list.body.items[0].name, "Work laptop");
  assert.ok(Date.parse(list.body.items[0].createdAt) > Date.now() - 60_000);
  const [addedRecord] = await auditRows("passkey.added", userId);
  assert.deepEqual(addedRecord?.data, { passkeyId: list.body.items[0].id, name: "Work laptop" });
  assert.equal(addedRecord?.actor_user_id, userId);

  const { browser: other, res } = await signInWithPasskey(device);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.ok(other.hasSession);
  const me = await other.get("/api/v1/me");
  assert.equal(me.status, 200);
  assert.equal(me.body.user.email, email);
  const signIns = await auditRows("auth.signed_in", userId);
  assert.equal(signIns.at(-1)?.data.method, "passkey");
});

test("a passkey that did not verify the person (no PIN or biometric) is refused, at adding and at sign-in", async () => {
  const { browser, userId } = await newAgent();
  const careless = new SoftwarePasskey(server.url, { userVerified: false });
  const refused = await addPasskey(browser, careless);
  assert.equal(refused.status, 401, JSON.stringify(refused.body));
  assert.equal(refused.body.code, "USER_NOT_VERIFIED");
  assert.deepEqual((await browser.get("/api/v1/me/passkeys")).body.items, []);
  assert.deepEqual(await auditRows("passkey.added", userId), []);

  // Registered while verifying, then used without: the sign-in is refused and logged as failed.
  const device = new SoftwarePasskey(server.url);
  assert.equal((await addPasskey(browser, device)).status, 200);
  device.userVerified = false;
  const { browser: stranger, res } = await signInWithPasskey(device);
  assert.equal(res.status, 401, JSON.stringify(res.body));
  assert.equal(stranger.hasSession, false);
  const failed = await q(
    `select data from audit_log where action = 'auth.sign_in_failed' and data->>'method' = 'passkey' and data->>'reason' = 'USER_NOT_VERIFIED'`,
  );
  assert.ok(failed.rowCount && failed.rowCount >= 1);
});

test("remove a passkey: only your own (others' answer 404), audited, and it no longer signs in", async () => {
  const owner = await newAgent();
  const device = new SoftwarePasskey(server.url);
  assert.equal((await addPasskey(owner.browser, device, "Phone")).status, 200);
  const [passkey] = (await owner.browser.get("/api/v1/me/passkeys")).body.items;

  const intruder = await newAgent();
  assert.equal((await intruder.browser.delete(`/api/v1/me/passkeys/${passkey.id}`)).status, 404);
  // The plugin's own delete is closed, so no removal escapes the audit log.
  const direct = await intruder.browser.post("/api/auth/passkey/delete-passkey", { id: passkey.id });
  assert.equal(direct.status, 404);
  assert.equal((await owner.browser.get("/api/v1/me/passkeys")).body.items.length, 1);

  const tooLong = await owner.browser.delete(`/api/v1/me/passkeys/${"x".repeat(65)}`);
  assert.equal(tooLong.status, 400);
  assert.equal(tooLong.body.error.field, "id");

  assert.equal((await owner.browser.delete(`/api/v1/me/passkeys/${passkey.id}`)).status, 204);
  assert.deepEqual((await owner.browser.get("/api/v1/me/passkeys")).body.items, []);
  const [removed] = await auditRows("passkey.removed", owner.userId);
  assert.deepEqual(removed?.data, { passkeyId: passkey.id, name: "Phone" });
  assert.equal((await owner.browser.delete(`/api/v1/me/passkeys/${passkey.id}`)).status, 404);

  const { browser, res } = await signInWithPasskey(device);
  assert.equal(res.status, 401);
  assert.equal(browser.hasSession, false);
});

test("passkeys are for signed-in staff: not anonymous, not a customer's portal session", async () => {
  const anonymous = new TestClient(server.url);
  assert.equal((await anonymous.get("/api/v1/me/passkeys")).status, 401);
  assert.equal((await anonymous.get("/api/auth/passkey/generate-register-options")).status, 401);
  const { client: customer } = await customerClient(server);
  const refused = await customer.get("/api/auth/passkey/generate-register-options");
  assert.equal(refused.status, 403, JSON.stringify(refused.body));
  assert.equal(refused.body.code, "STAFF_ONLY");
  assert.equal((await customer.get("/api/v1/me/passkeys")).status, 403);
});

test("where a role must use 2FA, a passkey sign-in without TOTP still has to set up TOTP first", async () => {
  const { browser } = await newAgent();
  const device = new SoftwarePasskey(server.url);
  assert.equal((await addPasskey(browser, device)).status, 200);
  const policy = await admin.patch("/api/v1/security/policy", { requireTwoFactorRoles: ["agent"] });
  assert.equal(policy.status, 200, JSON.stringify(policy.body));
  try {
    const { browser: signedIn, res } = await signInWithPasskey(device);
    assert.equal(res.status, 200);
    assert.equal((await signedIn.get("/api/v1/me")).status, 200);
    const gated = await signedIn.get("/api/v1/me/passkeys");
    assert.equal(gated.status, 403);
    assert.equal(gated.body.error.code, "two_factor_required");
  } finally {
    await admin.patch("/api/v1/security/policy", { requireTwoFactorRoles: [] });
  }
});

test("'require SSO' refuses a passkey sign-in as it refuses a password", async () => {
  const { browser, userId } = await newAgent();
  const device = new SoftwarePasskey(server.url);
  assert.equal((await addPasskey(browser, device)).status, 200);
  const adminId = (await admin.get("/api/v1/me")).body.user.id;
  await q(
    `insert into sso_settings (workspace_id, issuer, client_id, require_sso, break_glass_user_id)
     values ($1, 'https://idp.example.test', 'rapport', true, $2)`,
    [workspaceId, adminId],
  );
  try {
    const { browser: refused, res } = await signInWithPasskey(device);
    assert.equal(res.status, 403, JSON.stringify(res.body));
    assert.equal(res.body.code, "SSO_REQUIRED");
    assert.equal(refused.hasSession, false);
    const { rows } = await q(
      `select 1 from audit_log where action = 'sso.refused' and actor_user_id = $1 and data->>'reason' = 'passkey_sign_in'`,
      [userId],
    );
    assert.equal(rows.length, 1);
  } finally {
    await q(`delete from sso_settings where workspace_id = $1`, [workspaceId]);
  }
  assert.equal((await signInWithPasskey(device)).res.status, 200);
});
