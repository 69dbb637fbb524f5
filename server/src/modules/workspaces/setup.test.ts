import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { PASSWORD } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

const valid = { workspaceName: "Acme Audio", name: "Ada Admin", email: "Ada@Acme.test", password: PASSWORD };

describe("first-run setup", () => {
  test("is required on a fresh install, and the public workspace does not exist yet", async () => {
    const c = new TestClient(server.url);
    assert.deepEqual((await c.get("/api/v1/setup")).body, { setupRequired: true });
    const pub = await c.get("/api/v1/public/workspace");
    assert.equal(pub.status, 404);
    assert.equal(pub.body.error.code, "not_found");
  });

  test("rejects bad input with 400 naming the field, and writes nothing", async () => {
    const c = new TestClient(server.url);
    const cases: Array<[unknown, string]> = [
      [{ ...valid, email: "not-an-email" }, "email"],
      [{ ...valid, password: "short" }, "password"],
      [{ ...valid, workspaceName: "" }, "workspaceName"],
      [{ ...valid, workspaceName: "x".repeat(121) }, "workspaceName"],
      [{ ...valid, name: 42 }, "name"],
      [{ ...valid, isAdmin: true }, "isAdmin"],
      [{ workspaceName: "A", name: "B", email: "a@b.test" }, "password"],
    ];
    for (const [body, field] of cases) {
      const res = await c.post("/api/v1/setup", body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.field, field, JSON.stringify(res.body));
      assert.equal(typeof res.body.error.message, "string");
    }
    const malformed = await c.post("/api/v1/setup", '{"workspaceName": "x",');
    assert.equal(malformed.status, 400);
    assert.deepEqual(
      { code: malformed.body.error.code, field: malformed.body.error.field },
      { code: "invalid_json", field: "body" },
    );
    const huge = await c.post("/api/v1/setup", { ...valid, name: "x".repeat(2 * 1024 * 1024) });
    assert.equal(huge.status, 400);
    assert.equal(huge.body.error.code, "body_too_large");
    assert.equal(huge.body.error.field, "body");
    assert.deepEqual((await c.get("/api/v1/setup")).body, { setupRequired: true });
  });

  test("two browsers racing: exactly one creates the workspace", async () => {
    const attempts = await Promise.all(
      [1, 2, 3].map((i) =>
        new TestClient(server.url).post("/api/v1/setup", { ...valid, email: `racer${i}@acme.test` }),
      ),
    );
    const statuses = attempts.map((a) => a.status).sort();
    assert.deepEqual(statuses, [201, 409, 409]);
    const loser = attempts.find((a) => a.status === 409);
    assert.equal(loser?.body.error.code, "already_set_up");
  });

  test("afterwards, setup is closed and the public page knows the workspace name", async () => {
    const c = new TestClient(server.url);
    assert.deepEqual((await c.get("/api/v1/setup")).body, { setupRequired: false });
    const again = await c.post("/api/v1/setup", { ...valid, email: "late@acme.test" });
    assert.equal(again.status, 409);
    // emailReady: the portal says honestly when a sign-in link cannot be emailed (no relay here).
    assert.deepEqual((await c.get("/api/v1/public/workspace")).body, {
      name: "Acme Audio",
      locale: "en",
      emailReady: false,
      logoUrl: null,
      brandColor: null,
    });
  });

  test("the first admin can sign in with the password chosen at setup", async () => {
    const { rows } = await server.runtime.ctx.pool.query(
      `select u.email from memberships m join auth."user" u on u.id = m.user_id where m.role = 'admin'`,
    );
    assert.equal(rows.length, 1);
    const c = new TestClient(server.url);
    const res = await c.post("/api/auth/sign-in/email", { email: rows[0].email, password: PASSWORD });
    assert.equal(res.status, 200);
    const me = await c.get("/api/v1/me");
    assert.equal(me.status, 200);
    assert.equal(me.body.role, "admin");
    assert.equal(me.body.workspace.name, "Acme Audio");
  });
});
