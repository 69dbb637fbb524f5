import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  startChat,
  visitorSession,
  type Widget,
  widgetFor,
  widgetSocket,
} from "../../../test/chat-factory.ts";
import { TestClient } from "../../../test/client.ts";
import { setUpWorkspace } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { chatLimits, WindowLimiter } from "./rate-limits.ts";

let server: TestServer;
let admin: TestClient;
let widget: Widget;
const q = (text: string, params: unknown[] = []) => server.runtime.ctx.pool.query(text, params);
// No Origin of its own: these tests choose the Origin a host page would send.
const anon = () => new TestClient(server.url, { origin: null });
// The smallest valid PNG (1×1, transparent).
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

before(async () => {
  server = await startTestServer({ env: { WEBHOOK_ALLOW_PRIVATE: "true" } });
  ({ admin } = await setUpWorkspace(server));
  widget = await widgetFor(server, admin);
});
after(async () => {
  await server.close();
});

describe("attachments", () => {
  test("a visitor's file is sniffed, limited to 5 MB, and downloadable only from their own chat", async () => {
    const v = await visitorSession(anon(), widget);
    const { caseId } = await startChat(server, v, { text: "Here is a photo" });
    const sent = await v.post("/api/v1/widget/conversation/attachments", {
      name: "photo.txt",
      contentType: "text/html",
      dataBase64: PNG.toString("base64"),
    });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    const file = sent.body.attachments[0];
    assert.equal(file.contentType, "image/png", "the bytes decide the type, not the browser");
    assert.equal(sent.body.body, "photo.txt");
    const disguised = await v.post("/api/v1/widget/conversation/attachments", {
      name: "cute.png",
      contentType: "image/png",
      dataBase64: Buffer.from("<html><script>alert(1)</script></html>").toString("base64"),
      text: "another one",
    });
    assert.equal(disguised.body.attachments[0].contentType, "application/octet-stream");

    const got = await v.get(`/api/v1/widget/attachments/${file.id}`);
    assert.equal(got.status, 200);
    assert.equal(got.headers.get("content-type"), "application/octet-stream");
    assert.match(got.headers.get("content-disposition") ?? "", /^attachment/);
    const staffSees = (await admin.get(`/api/v1/cases/${caseId}/messages`)).body.items;
    assert.ok(
      staffSees.some((m: { attachments: Array<{ id: string }> }) =>
        m.attachments.some((a) => a.id === file.id),
      ),
    );

    const stranger = await visitorSession(anon(), widget);
    assert.equal((await stranger.get(`/api/v1/widget/attachments/${file.id}`)).status, 404);

    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 1).toString("base64");
    const tooBig = await v.post("/api/v1/widget/conversation/attachments", {
      name: "big.bin",
      dataBase64: big,
    });
    assert.equal(tooBig.status, 400, JSON.stringify(tooBig.body).slice(0, 200));
    assert.equal(tooBig.body.error.field, "dataBase64");
    const notBase64 = await v.post("/api/v1/widget/conversation/attachments", {
      name: "x",
      dataBase64: "%%%",
    });
    assert.equal(notBase64.status, 400);
    assert.equal(notBase64.body.error.field, "dataBase64");
  });

  test("an internal note's file is never served to the visitor", async () => {
    const v = await visitorSession(anon(), widget);
    const { caseId } = await startChat(server, v, { text: "Note files" });
    const note = await admin.post(`/api/v1/cases/${caseId}/messages`, {
      body: "internal",
      kind: "note",
      attachments: [{ name: "secret.png", contentType: "image/png", dataBase64: PNG.toString("base64") }],
    });
    assert.equal(note.status, 201, JSON.stringify(note.body));
    const noteFile = note.body.attachments[0].id;
    assert.equal((await v.get(`/api/v1/widget/attachments/${noteFile}`)).status, 404);
  });
});

describe("shutdown (logout on the host site)", () => {
  test("the token dies, its sockets close, and the browser's next session has no chat", async () => {
    const v = await visitorSession(anon(), widget);
    await startChat(server, v, { text: "Before logout" });
    const socket = await widgetSocket(server, { token: v.token });
    const res = await v.post("/api/v1/widget/shutdown");
    assert.equal(res.status, 204);
    assert.equal((await socket.closed).code, 4401);
    assert.equal((await v.get("/api/v1/widget/conversation")).status, 401);
    assert.equal((await v.post("/api/v1/widget/conversation/messages", { text: "still here?" })).status, 401);
    const next = await visitorSession(anon(), widget, { token: v.token });
    assert.notEqual(next.visitorId, v.visitorId);
    assert.equal(next.session.conversation, null);
  });
});

describe("rate limits", () => {
  test("messages are limited per visitor (429 with Retry-After, naming the limit), over HTTP and socket", async () => {
    chatLimits.messagesPerVisitor.reset();
    const v = await visitorSession(anon(), widget);
    await startChat(server, v, { text: "1" });
    let refused: Awaited<ReturnType<typeof v.post>> | undefined;
    for (let i = 2; i <= 31 && !refused; i++) {
      const res = await v.post("/api/v1/widget/conversation/messages", { text: `message ${i}` });
      if (res.status === 429) refused = res;
      else assert.equal(res.status, 201);
    }
    assert.ok(refused, "the 31st message in a minute is refused");
    assert.equal(refused.body.error.code, "rate_limited");
    assert.match(refused.body.error.message, /this visitor/);
    assert.ok(Number(refused.headers.get("retry-after")) >= 1);
    const socket = await widgetSocket(server, { token: v.token });
    socket.send({ type: "message", text: "over the socket", clientId: "s1" });
    const err = await socket.next((f) => f.type === "error");
    assert.equal(err.code, "rate_limited");
    socket.ws.close();
    const other = await visitorSession(anon(), widget);
    const fine = await other.post("/api/v1/widget/conversations", { text: "another visitor is not limited" });
    assert.equal(fine.status, 201);
    chatLimits.messagesPerVisitor.reset();
  });

  test("messages are limited per address too: many visitors from one IP share one count", async () => {
    // The per-address limit (300 a minute) is swapped for a small one of the same kind, so the
    // test sends a handful of messages instead of hundreds; the route reads it at each message.
    const real = chatLimits.messagesPerIp;
    chatLimits.messagesPerIp = new WindowLimiter(4, 60_000);
    try {
      chatLimits.messagesPerVisitor.reset();
      const first = await visitorSession(anon(), widget);
      await startChat(server, first, { text: "1" });
      for (const text of ["2", "3"]) {
        assert.equal((await first.post("/api/v1/widget/conversation/messages", { text })).status, 201);
      }
      // A second visitor on the same address is within its own limit (30) but not the address's.
      const second = await visitorSession(anon(), widget);
      const fourth = await second.post("/api/v1/widget/conversations", { text: "4" });
      assert.equal(fourth.status, 201);
      const fifth = await second.post("/api/v1/widget/conversation/messages", { text: "5" });
      assert.equal(fifth.status, 429);
      const body = fifth.body as { error: { code: string; message: string } };
      assert.equal(body.error.code, "rate_limited");
      assert.match(body.error.message, /from this address \(at most 4 a minute\)/);
      assert.ok(Number(fifth.headers.get("retry-after")) >= 1);
      // The socket shares the address's count.
      const socket = await widgetSocket(server, { token: first.token });
      socket.send({ type: "message", text: "over the socket", clientId: "ip1" });
      const err = await socket.next((f) => f.type === "error");
      assert.equal(err.code, "rate_limited");
      socket.ws.close();
    } finally {
      chatLimits.messagesPerIp = real;
      chatLimits.messagesPerVisitor.reset();
    }
  });

  test("sessions are limited per address", async () => {
    chatLimits.sessionsPerIp.reset();
    let refused: Awaited<ReturnType<TestClient["post"]>> | undefined;
    for (let i = 0; i < 61 && !refused; i++) {
      const res = await anon().post("/api/v1/widget/sessions", { key: widget.key });
      if (res.status === 429) refused = res;
    }
    assert.ok(refused);
    assert.match(
      (refused.body as { error: { message: string } }).error.message,
      /sessions from this address/,
    );
    assert.ok(Number(refused.headers.get("retry-after")) >= 1);
    chatLimits.sessionsPerIp.reset();
  });
});

describe("allowed origins", () => {
  test("an unlisted origin gets 403 origin_not_allowed naming it, readable through CORS; listed ones work", async () => {
    await admin.patch("/api/v1/chat/widget", { allowedOrigins: ["https://Shop.example"] });
    const evil = { origin: "https://evil.example" };
    const config = await anon().get(`/api/v1/widget/config?key=${widget.key}`, evil);
    assert.equal(config.status, 403);
    assert.equal(config.body.error.code, "origin_not_allowed");
    assert.equal(config.body.error.field, "origin");
    assert.match(config.body.error.message, /https:\/\/evil\.example/);
    assert.equal(config.headers.get("access-control-allow-origin"), "https://evil.example");
    const session = await anon().request("POST", "/api/v1/widget/sessions", { key: widget.key }, evil);
    assert.equal(session.status, 403);
    assert.equal(session.body.error.code, "origin_not_allowed");

    const shop = { origin: "https://shop.example" };
    const ok = await anon().get(`/api/v1/widget/config?key=${widget.key}`, shop);
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get("access-control-allow-origin"), "https://shop.example");
    const preflight = await anon().request("OPTIONS", "/api/v1/widget/sessions", undefined, {
      ...shop,
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type",
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get("access-control-allow-headers") ?? "", /authorization/);
    const v = await visitorSession(anon(), widget, { origin: "https://shop.example" });
    const fromEvil = await v.get("/api/v1/widget/conversation", evil);
    assert.equal(fromEvil.status, 403, "a token used from an unlisted page is refused too");
    const socket = await widgetSocket(server, { origin: "https://evil.example" });
    socket.send({ type: "auth", token: v.token });
    assert.equal((await socket.next((f) => f.type === "error")).code, "origin_not_allowed");
    assert.equal((await socket.closed).code, 4403);
    // Rapport's own origin (the widget's iframe) and server-side callers are always allowed.
    assert.equal(
      (await anon().get(`/api/v1/widget/config?key=${widget.key}`, { origin: server.url })).status,
      200,
    );
    assert.equal((await anon().get(`/api/v1/widget/config?key=${widget.key}`)).status, 200);
    await admin.patch("/api/v1/chat/widget", { allowedOrigins: [] });
    assert.equal((await anon().get(`/api/v1/widget/config?key=${widget.key}`, evil)).status, 200);
  });
});

describe("webhook", () => {
  test("a started chat emits chat.started to subscribed endpoints", async () => {
    const hook = await admin.post("/api/v1/webhooks", {
      url: "http://127.0.0.1:9/hook",
      events: ["chat.started"],
    });
    assert.equal(hook.status, 201, JSON.stringify(hook.body));
    const v = await visitorSession(anon(), widget);
    const { conversation, caseId } = await startChat(server, v, { text: "Webhook please", topic: "Billing" });
    const rows = await q("select body from webhook_deliveries where event_type = 'chat.started'");
    assert.equal(rows.rows.length, 1);
    const body = JSON.parse(rows.rows[0].body);
    assert.equal(body.data.conversationId, conversation.id);
    assert.equal(body.data.caseId, caseId);
    assert.equal(body.data.topic, "Billing");
    assert.equal(body.data.verified, false);
  });
});
