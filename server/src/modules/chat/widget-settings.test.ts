import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { signedIdentity, visitorSession, type Widget, widgetFor } from "../../../test/chat-factory.ts";
import { TestClient } from "../../../test/client.ts";
import { otherWorkspace, setUpWorkspace, staffClient } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { signIdentity } from "./identity.ts";

let server: TestServer;
let admin: TestClient;
let agent: TestClient;
let widget: Widget;
const q = (text: string, params: unknown[] = []) => server.runtime.ctx.pool.query(text, params);

before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  agent = (await staffClient(server, "agent")).client;
  widget = await widgetFor(server, admin);
});
after(async () => {
  await server.close();
});

describe("widget settings (admin)", () => {
  test("the first read creates the widget with a pk_ key, a snippet and a sealed secret", async () => {
    assert.match(widget.key, /^pk_[A-Za-z0-9_-]{16,64}$/);
    assert.match(widget.settings.embedSnippet, new RegExp(`data-key="${widget.key}"`));
    assert.equal(widget.settings.allowedOrigins.length, 0);
    const again = await admin.get("/api/v1/chat/widget");
    assert.equal(again.body.publicKey, widget.key, "the key stays the same on later reads");
    const stored = await q("select identity_secret from chat_widgets where public_key = $1", [widget.key]);
    assert.ok(widget.secret.length >= 32);
    assert.ok(!stored.rows[0].identity_secret.includes(widget.secret), "the secret is stored sealed");
  });

  test("agents may not read or change the widget; bad values are refused naming the field", async () => {
    assert.equal((await agent.get("/api/v1/chat/widget")).status, 403);
    assert.equal((await agent.get("/api/v1/chat/widget/identity-secret")).status, 403);
    assert.equal((await agent.patch("/api/v1/chat/widget", { greeting: "Hi" })).status, 403);
    for (const [body, field] of [
      [{ accentColor: "red" }, "accentColor"],
      [{ allowedOrigins: ["https://shop.example/path"] }, "allowedOrigins.0"],
      [{ missedAfterSeconds: 1 }, "missedAfterSeconds"],
      [{ teamId: "00000000-0000-4000-8000-000000000000" }, "teamId"],
      [{ surprise: true }, "surprise"],
    ] as const) {
      const res = await admin.patch("/api/v1/chat/widget", body);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.error.field, field);
    }
    const ok = await admin.patch("/api/v1/chat/widget", {
      greeting: "Ask us anything",
      accentColor: "#112233",
    });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.greeting, "Ask us anything");
    const config = await new TestClient(server.url).get(`/api/v1/widget/config?key=${widget.key}`);
    assert.equal(config.status, 200);
    assert.equal(config.body.greeting, "Ask us anything");
    assert.equal(config.body.accentColor, "#112233");
    assert.equal(config.body.workspaceName, "Acme Audio");
  });

  test("revealing the secret is audited; rotating it makes old signatures fail", async () => {
    const before = await q(
      "select count(*)::int as n from audit_log where action = 'chat.identity_secret_revealed'",
    );
    const revealed = await admin.get("/api/v1/chat/widget/identity-secret");
    assert.equal(revealed.body.identitySecret, widget.secret);
    const afterReveal = await q(
      "select count(*)::int as n from audit_log where action = 'chat.identity_secret_revealed'",
    );
    assert.equal(afterReveal.rows[0].n, before.rows[0].n + 1);

    const oldIdentity = signedIdentity(widget, "user-rotate", "rotate@example.test");
    const rotated = await admin.post("/api/v1/chat/widget/identity-secret");
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.body.identitySecret, widget.secret);
    const refused = await new TestClient(server.url).post("/api/v1/widget/sessions", {
      key: widget.key,
      identity: oldIdentity,
    });
    assert.equal(refused.status, 401);
    assert.equal(refused.body.error.field, "identity.signature");
    widget = { ...widget, secret: rotated.body.identitySecret };
    const accepted = await visitorSession(new TestClient(server.url), widget, {
      identity: signedIdentity(widget, "user-rotate", "rotate@example.test"),
    });
    assert.equal(accepted.verified, true);
  });
});

describe("public config and visitor sessions", () => {
  test("config answers 404 for an unknown key, 400 for a malformed one, 404 once disabled", async () => {
    const anon = new TestClient(server.url);
    const unknown = await anon.get("/api/v1/widget/config?key=pk_doesnotexist1234567");
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.field, "key");
    const malformed = await anon.get("/api/v1/widget/config?key=abc");
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error.field, "key");
    await admin.patch("/api/v1/chat/widget", { enabled: false });
    assert.equal((await anon.get(`/api/v1/widget/config?key=${widget.key}`)).status, 404);
    assert.equal((await anon.post("/api/v1/widget/sessions", { key: widget.key })).status, 404);
    await admin.patch("/api/v1/chat/widget", { enabled: true });
    assert.equal((await anon.get(`/api/v1/widget/config?key=${widget.key}`)).status, 200);
  });

  test("the public key is no credential: it reads no chat and no staff API, whatever the scheme", async () => {
    // A chat exists, so there is something a key-holder could try to read.
    const visitor = await visitorSession(new TestClient(server.url), widget);
    const started = await visitor.post("/api/v1/widget/conversations", { text: "Private question" });
    assert.equal(started.status, 201);
    const anon = new TestClient(server.url);
    for (const authorization of [`Bearer ${widget.key}`, `Visitor ${widget.key}`, widget.key]) {
      for (const path of [
        "/api/v1/widget/conversation",
        "/api/v1/cases",
        "/api/v1/customers",
        "/api/v1/chat/widget",
      ]) {
        const res = await anon.get(path, { authorization });
        assert.equal(res.status, 401, `${authorization.slice(0, 7)} on ${path}`);
        assert.doesNotMatch(JSON.stringify(res.body), /Private question/);
      }
    }
    // The key only opens sessions, and a new session starts with no chat of anyone else's.
    const fresh = await visitorSession(anon, widget);
    assert.equal(fresh.session.conversation, null);
  });

  test("an anonymous session gets a random token of which only the sha256 is stored, and resumes", async () => {
    const client = new TestClient(server.url);
    const v = await visitorSession(client, widget, {
      page: { url: "https://shop.example/p/1", title: "Speaker" },
    });
    assert.match(v.token, /^vt_/);
    assert.equal(v.verified, false);
    assert.equal(v.session.conversation, null);
    const rows = await q("select token_hash, current_url from chat_visitors where id = $1", [v.visitorId]);
    assert.equal(rows.rows[0].token_hash, createHash("sha256").update(v.token).digest("hex"));
    assert.equal(rows.rows[0].current_url, "https://shop.example/p/1");
    const plain = await q("select count(*)::int as n from chat_visitors where token_hash = $1", [v.token]);
    assert.equal(plain.rows[0].n, 0);
    const resumed = await visitorSession(client, widget, { token: v.token });
    assert.equal(resumed.visitorId, v.visitorId);
    assert.equal(resumed.token, v.token);
    const forged = await visitorSession(client, widget, { token: `vt_${"A".repeat(43)}` });
    assert.notEqual(forged.visitorId, v.visitorId, "an unknown token starts a new visitor");
  });

  test("a bad or forged identity signature is refused with 401 naming identity.signature", async () => {
    const anon = new TestClient(server.url);
    const good = signedIdentity(widget, "user-42", "pat@example.test");
    for (const identity of [
      { ...good, signature: "0".repeat(64) },
      { ...good, userId: "user-43" }, // claims another user with user-42's signature
      { ...good, email: "boss@example.test" },
      { ...good, signature: signIdentity("not-the-secret", "user-42", "pat@example.test") },
    ]) {
      const res = await anon.post("/api/v1/widget/sessions", { key: widget.key, identity });
      assert.equal(res.status, 401, JSON.stringify(res.body));
      assert.equal(res.body.error.field, "identity.signature");
    }
    const badShape = await anon.post("/api/v1/widget/sessions", {
      key: widget.key,
      identity: { ...good, signature: "xyz" },
    });
    assert.equal(badShape.status, 400);
    assert.equal(badShape.body.error.field, "identity.signature");
    const ok = await visitorSession(anon, widget, { identity: good });
    assert.equal(ok.verified, true);
    assert.equal(ok.session.email, "pat@example.test");
  });

  test("widget calls need the visitor's own token; a token of another workspace's widget is refused", async () => {
    const anon = new TestClient(server.url);
    for (const authorization of [undefined, "Bearer x", `Visitor vt_${"B".repeat(43)}`, "Visitor short"]) {
      const res = await anon.get("/api/v1/widget/conversation", authorization ? { authorization } : {});
      assert.equal(res.status, 401);
      assert.equal(res.body.error.field, "authorization");
    }
    // The token is checked before the body, so a stranger learns nothing about the input rules.
    for (const path of [
      "/api/v1/widget/conversations",
      "/api/v1/widget/conversation/messages",
      "/api/v1/widget/conversation/attachments",
      "/api/v1/widget/shutdown",
    ]) {
      const res = await anon.post(path, { nonsense: true });
      assert.equal(res.status, 401, path);
    }
    const other = await otherWorkspace(server);
    const otherWidget = await widgetFor(server, other.client);
    const mine = await visitorSession(anon, widget);
    const theirs = await visitorSession(anon, otherWidget, { token: mine.token });
    assert.notEqual(theirs.visitorId, mine.visitorId, "a token never crosses into another workspace");
  });
});
