import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TestClient } from "../../../test/client.ts";
import { customerClient, otherWorkspace, setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";

let server: TestServer;
let admin: TestClient;
before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
});
after(() => server.close());

const bearer = (token: string) => new TestClient(server.url, { token, origin: null });

describe("API tokens", () => {
  test("a token is shown once, works as Bearer, and is stored only as a hash", async () => {
    const created = await admin.post("/api/v1/tokens", { name: "Telephony bridge" });
    assert.equal(created.status, 201);
    const { token, prefix } = created.body;
    assert.match(token, /^rpt_[A-Za-z0-9_-]{40,}$/);
    assert.ok(token.startsWith(prefix));
    const me = await bearer(token).get("/api/v1/me");
    assert.equal(me.status, 200);
    assert.equal(me.body.role, "admin");
    const { rows } = await server.runtime.ctx.pool.query("select * from api_tokens where id = $1", [
      created.body.id,
    ]);
    assert.ok(!JSON.stringify(rows).includes(token), "the secret itself is not in the database");
    const listed = await admin.get("/api/v1/tokens");
    assert.equal(listed.body.items[0].token, undefined, "lists never show the secret");
    assert.ok(listed.body.items[0].lastUsedAt, "last use is recorded");
  });

  test("a revoked token stops working at once", async () => {
    const { body } = await admin.post("/api/v1/tokens", { name: "to revoke" });
    assert.equal((await bearer(body.token).get("/api/v1/me")).status, 200);
    assert.equal((await admin.delete(`/api/v1/tokens/${body.id}`)).status, 204);
    const after = await bearer(body.token).get("/api/v1/me");
    assert.equal(after.status, 401);
    assert.equal(after.body.error.code, "unauthenticated");
    const listed = await admin.get("/api/v1/tokens?limit=100");
    assert.ok(listed.body.items.find((t: { id: string }) => t.id === body.id).revokedAt);
  });

  test("a token used many times (so cached) is refused on the next request after revoking", async () => {
    const { body } = await admin.post("/api/v1/tokens", { name: "busy bridge" });
    const bridge = bearer(body.token);
    for (let i = 0; i < 5; i++) assert.equal((await bridge.get("/api/v1/me")).status, 200);
    assert.equal((await admin.delete(`/api/v1/tokens/${body.id}`)).status, 204);
    assert.equal((await bridge.get("/api/v1/me")).status, 401, "refused at once on the same process");
  });

  test("a token revoked outside this process (another server, SQL) is refused within a second", async () => {
    const { body } = await admin.post("/api/v1/tokens", { name: "revoked elsewhere" });
    const bridge = bearer(body.token);
    assert.equal((await bridge.get("/api/v1/me")).status, 200);
    await server.runtime.ctx.pool.query("update api_tokens set revoked_at = now() where id = $1", [body.id]);
    // The database announces the change; well before the cache's own 5 s expiry.
    const until = Date.now() + 1000;
    let status = 200;
    while (status === 200 && Date.now() < until) {
      status = (await bridge.get("/api/v1/me")).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(status, 401);
  });

  test("malformed, unknown and wrongly-shaped credentials are 401", async () => {
    for (const header of ["Bearer", "Bearer rpt_nope", "Basic abc", `Bearer rpt_${"x".repeat(43)}`]) {
      const res = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: header } });
      assert.equal(res.status, 401, header);
      const body = await res.json();
      assert.equal(body.error.code, "unauthenticated");
      assert.equal(body.error.field, "authorization");
    }
    assert.equal((await new TestClient(server.url).get("/api/v1/tokens")).status, 401);
  });

  test("cookie-authenticated writes need our Origin (CSRF); token calls do not", async () => {
    const cookieOnly = new TestClient(server.url, { origin: "https://evil.example" });
    (cookieOnly as unknown as { cookies: Map<string, string> }).cookies = (
      admin as unknown as { cookies: Map<string, string> }
    ).cookies;
    const forged = await cookieOnly.post("/api/v1/tokens", { name: "forged" });
    assert.equal(forged.status, 403);
    assert.equal(forged.body.error.code, "csrf_failed");
    const noOrigin = await fetch(`${server.url}/api/v1/tokens`, {
      method: "POST",
      headers: { cookie: admin.cookieHeader(), "content-type": "application/json" },
      body: JSON.stringify({ name: "no origin" }),
    });
    assert.equal(noOrigin.status, 403);
    const listed = await admin.get("/api/v1/tokens?limit=100");
    assert.ok(
      !listed.body.items.some((t: { name: string }) => t.name === "forged" || t.name === "no origin"),
    );
  });

  test("bad input names the field", async () => {
    for (const [body, field] of [
      [{}, "name"],
      [{ name: "" }, "name"],
      [{ name: "x".repeat(101) }, "name"],
      [{ name: "ok", scope: "all" }, "scope"],
    ] as const) {
      const res = await admin.post("/api/v1/tokens", body);
      assert.equal(res.status, 400);
      assert.equal(res.body.error.field, field);
    }
    const badId = await admin.delete("/api/v1/tokens/not-a-uuid");
    assert.equal(badId.status, 400);
    assert.equal(badId.body.error.field, "id");
    const badCursor = await admin.get("/api/v1/tokens?cursor=garbage");
    assert.equal(badCursor.status, 400);
    assert.equal(badCursor.body.error.field, "cursor");
    const badLimit = await admin.get("/api/v1/tokens?limit=1000");
    assert.equal(badLimit.status, 400);
    assert.equal(badLimit.body.error.field, "limit");
  });

  test("lists page by cursor, newest first, without gaps or repeats", async () => {
    for (let i = 0; i < 5; i++) await admin.post("/api/v1/tokens", { name: `paged ${i}` });
    const all = (await admin.get("/api/v1/tokens?limit=100")).body.items.map((t: { id: string }) => t.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `?limit=2&cursor=${cursor}` : "?limit=2";
      const page: { status: number; body: { items: Array<{ id: string }>; nextCursor: string | null } } =
        await admin.get(`/api/v1/tokens${q}`);
      assert.equal(page.status, 200);
      assert.ok(page.body.items.length <= 2);
      seen.push(...page.body.items.map((t) => t.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, all);
    assert.ok(seen.length >= 5);
  });
});

describe("who may do what with tokens", () => {
  test("customers cannot have tokens (403); agents see and revoke only their own", async () => {
    const { client: customer } = await customerClient(server);
    const denied = await customer.post("/api/v1/tokens", { name: "mine" });
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.code, "forbidden");

    const { client: agent, email: agentEmail } = await staffClient(server, "agent");
    const own = await agent.post("/api/v1/tokens", { name: "agent token" });
    assert.equal(own.status, 201);
    const adminToken = await admin.post("/api/v1/tokens", { name: "admin only" });
    const agentList = await agent.get("/api/v1/tokens?limit=100");
    assert.ok(agentList.body.items.some((t: { name: string }) => t.name === "agent token"));
    assert.ok(agentList.body.items.every((t: { ownerEmail: string }) => t.ownerEmail === agentEmail));
    const steal = await agent.delete(`/api/v1/tokens/${adminToken.body.id}`);
    assert.equal(steal.status, 404);
    assert.equal((await bearer(adminToken.body.token).get("/api/v1/me")).status, 200);
    // Admins manage everyone's tokens.
    assert.equal((await admin.delete(`/api/v1/tokens/${own.body.id}`)).status, 204);
  });

  test("another workspace's tokens are invisible: 404, never 403", async () => {
    const mine = await admin.post("/api/v1/tokens", { name: "tenant A" });
    const { client: other } = await otherWorkspace(server);
    const otherList = await other.get("/api/v1/tokens?limit=100");
    assert.equal(otherList.status, 200);
    assert.ok(!otherList.body.items.some((t: { id: string }) => t.id === mine.body.id));
    assert.equal((await other.delete(`/api/v1/tokens/${mine.body.id}`)).status, 404);
    const theirs = await other.post("/api/v1/tokens", { name: "tenant B" });
    const theirMe = await bearer(theirs.body.token).get("/api/v1/me");
    assert.equal(theirMe.body.workspace.name, "Other Co");
    assert.equal((await bearer(theirs.body.token).get("/api/v1/members")).body.items.length, 1);
  });
});
