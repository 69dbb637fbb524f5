import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import {
  customerClient,
  magicLinkFor,
  PASSWORD,
  setUpWorkspace,
  uniqueEmail,
} from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { createStaffMember } from "./accounts.service.ts";

let server: TestServer;
let adminEmail: string;
before(async () => {
  server = await startTestServer();
  ({ adminEmail } = await setUpWorkspace(server));
});
after(() => server.close());

describe("staff sign-in", () => {
  test("a wrong password is refused and gives no session", async () => {
    const c = new TestClient(server.url);
    const res = await c.post("/api/auth/sign-in/email", {
      email: adminEmail,
      password: "wrong-password-123",
    });
    assert.equal(res.status, 401);
    assert.equal(c.hasSession, false);
    assert.equal((await c.get("/api/v1/me")).status, 401);
  });

  test("the session cookie is http-only, secure and SameSite, and its token is never in a body", async () => {
    const res = await fetch(`${server.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ email: adminEmail, password: PASSWORD }),
    });
    assert.equal(res.status, 200);
    const cookie = res.headers.getSetCookie().find((c) => c.includes("session_token"));
    assert.ok(cookie, "a session cookie is set");
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /Secure/i);
    assert.match(cookie, /SameSite=Lax/i);
    const body = await res.json();
    assert.equal(body.token, undefined);
    const token = cookie.split(";")[0]?.split("=")[1]?.split(".")[0] ?? "";
    assert.ok(!JSON.stringify(body).includes(token));
  });

  test("sign-out ends the session", async () => {
    const c = new TestClient(server.url);
    await c.post("/api/auth/sign-in/email", { email: adminEmail, password: PASSWORD });
    assert.equal((await c.get("/api/v1/me")).status, 200);
    const cookieBefore = c.cookieHeader();
    assert.equal((await c.post("/api/auth/sign-out", {})).status, 200);
    assert.equal((await c.get("/api/v1/me")).status, 401);
    // The old cookie is dead on the server too, not just forgotten by the browser.
    const replay = await fetch(`${server.url}/api/v1/me`, { headers: { cookie: cookieBefore } });
    assert.equal(replay.status, 401);
  });

  test("public sign-up is closed: staff are created by setup, the CLI or an admin", async () => {
    const c = new TestClient(server.url);
    const res = await c.post("/api/auth/sign-up/email", {
      email: "intruder@evil.test",
      password: PASSWORD,
      name: "x",
    });
    assert.notEqual(res.status, 200);
    const signIn = await c.post("/api/auth/sign-in/email", {
      email: "intruder@evil.test",
      password: PASSWORD,
    });
    assert.equal(signIn.status, 401);
  });

  test("passwords are stored as memory-hard scrypt hashes, never in clear", async () => {
    const { rows } = await server.runtime.ctx.pool.query(
      `select password from auth.account where password is not null`,
    );
    assert.ok(rows.length > 0);
    for (const { password } of rows) {
      assert.notEqual(password, PASSWORD);
      assert.ok(!password.includes(PASSWORD));
      assert.match(password, /^[0-9a-f]{32}:[0-9a-f]{128}$/, "Better Auth's scrypt salt:key format");
    }
  });

  test("repeated failed logins are rate-limited", async () => {
    const c = new TestClient(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (await c.post("/api/auth/sign-in/email", { email: adminEmail, password: `nope-${i}-xxxxxxx` }))
          .status,
      );
    }
    assert.ok(statuses.includes(429), `expected a 429 among ${statuses.join(",")}`);
  });
});

describe("customer sign-in by one-time link", () => {
  test("a customer gets a link in the log, opens it, and lands in the portal as a customer", async () => {
    const { client, email } = await customerClient(server, "maria@example.com");
    const me = await client.get("/api/v1/me");
    assert.equal(me.status, 200);
    assert.equal(me.body.role, "customer");
    assert.equal(me.body.user.email, email);
    assert.equal(me.body.user.name, "maria", "a blank name is filled from the address");
    assert.ok(me.body.permissions.includes("portal.use"));
    assert.ok(!me.body.permissions.includes("app.use"));
  });

  test("a link works once", async () => {
    const { link } = await customerClient(server);
    const second = await new TestClient(server.url).get(new URL(link).pathname + new URL(link).search);
    const location = second.headers.get("location") ?? "";
    assert.ok(
      second.status === 302 && /error/i.test(location),
      `reuse must fail, got ${second.status} ${location}`,
    );
  });

  test("staff addresses are never sent a link (they use their password), and the answer looks the same", async () => {
    // Created directly: this file's sign-in rate limit is spent by the test above.
    const email = uniqueEmail("agent");
    await createStaffMember(server.runtime.ctx, { email, name: "Agent", password: PASSWORD, role: "agent" });
    const res = await new TestClient(server.url).post("/api/auth/sign-in/magic-link", {
      email,
      callbackURL: "/portal",
    });
    assert.equal(res.status, 200);
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(magicLinkFor(server, email), undefined);
  });

  test("link requests are rate-limited", async () => {
    const c = new TestClient(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push(
        (await c.post("/api/auth/sign-in/magic-link", { email: `flood${i}@example.test` })).status,
      );
    }
    assert.ok(statuses.includes(429), `expected a 429 among ${statuses.join(",")}`);
  });
});
