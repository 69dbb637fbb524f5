import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import WebSocket from "ws";
import {
  signedIdentity,
  startChat,
  visitorSession,
  type Widget,
  widgetFor,
  widgetSocket,
} from "../../../test/chat-factory.ts";
import { TestClient } from "../../../test/client.ts";
import { otherWorkspace, setUpWorkspace } from "../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../test/harness.ts";
import { startSink } from "../../../test/mail.ts";
import { isVisitorOnline } from "./visitor-presence.ts";

let server: TestServer;
let admin: TestClient;
let widget: Widget;
let sink: Awaited<ReturnType<typeof startSink>>;
let staffEvents: Array<Record<string, any>>;
let staffSocket: WebSocket;
const q = (text: string, params: unknown[] = []) => server.runtime.ctx.pool.query(text, params);
const anon = () => new TestClient(server.url);

before(async () => {
  sink = await startSink();
  server = await startTestServer({ env: { SMTP_URL: sink.url } });
  ({ admin } = await setUpWorkspace(server));
  widget = await widgetFor(server, admin);
  staffEvents = [];
  staffSocket = new WebSocket(`${server.url.replace("http", "ws")}/api/v1/realtime`, {
    headers: admin.authHeaders(),
  });
  staffSocket.on("message", (raw) => staffEvents.push(JSON.parse(raw.toString())));
  await new Promise((r) => staffSocket.once("open", r));
});
after(async () => {
  staffSocket.close();
  await server.close();
  await sink.close();
});

const staffEvent = (match: (e: Record<string, any>) => boolean) =>
  eventually(() => staffEvents.find(match), 5000);

describe("the widget socket", () => {
  test("the first frame must authenticate: anything else, or an unknown token, closes it with 4401", async () => {
    const silentFirst = await widgetSocket(server);
    silentFirst.send({ type: "ping" });
    assert.equal((await silentFirst.closed).code, 4401);
    const unknown = await widgetSocket(server);
    unknown.send({ type: "auth", token: `vt_${"Z".repeat(43)}` });
    assert.equal((await unknown.closed).code, 4401);
    const garbage = await widgetSocket(server);
    garbage.ws.send("not json");
    assert.equal((await garbage.closed).code, 4401);
  });

  test("auth answers ready with the open chat; a message is acked with the stored message and reaches staff", async () => {
    const v = await visitorSession(anon(), widget);
    const { conversation, caseId } = await startChat(server, v, { text: "Hi there" });
    const socket = await widgetSocket(server, { token: v.token });
    socket.send({ type: "auth", token: v.token });
    const again = await socket.next((f) => f.type === "error");
    assert.equal(again.code, "conflict");
    const ws2 = await widgetSocket(server);
    ws2.send({ type: "auth", token: v.token });
    const ready = await ws2.next((f) => f.type === "ready");
    assert.equal(ready.conversationId, conversation.id);
    ws2.ws.close();

    socket.send({ type: "message", text: "Sent over the socket", clientId: "c-1" });
    const ack = await socket.next((f) => f.type === "ack");
    assert.equal(ack.clientId, "c-1");
    assert.equal(ack.message.body, "Sent over the socket");
    assert.equal(ack.message.author, "visitor");
    await staffEvent(
      (e) => e.type === "message.added" && e.messageId === ack.message.id && e.caseId === caseId,
    );
    const stored = await q("select body, channel from messages where id = $1", [ack.message.id]);
    assert.deepEqual(stored.rows[0], { body: "Sent over the socket", channel: "chat" });

    socket.send({ type: "message", text: "", clientId: "c-2" });
    const bad = await socket.next((f) => f.type === "error");
    assert.equal(bad.field, "text");
    socket.ws.close();
  });

  test("typing, read receipts and page changes travel both ways", async () => {
    const v = await visitorSession(anon(), widget);
    const { caseId } = await startChat(server, v, { text: "Typing test" });
    const socket = await widgetSocket(server, { token: v.token });

    socket.send({ type: "typing", typing: true });
    await staffEvent((e) => e.type === "chat.typing" && e.caseId === caseId && e.typing === true);
    assert.equal((await admin.post(`/api/v1/cases/${caseId}/chat/typing`, { typing: true })).status, 204);
    const typing = await socket.next((f) => f.type === "typing");
    assert.deepEqual(typing, { type: "typing", name: "Ada Admin", typing: true });

    socket.send({ type: "read" });
    await staffEvent((e) => e.type === "chat.read" && e.caseId === caseId);
    const read = await admin.post(`/api/v1/cases/${caseId}/chat/read`);
    assert.equal(read.status, 200);
    const receipt = await socket.next((f) => f.type === "read");
    assert.equal(receipt.at, read.body.agentReadAt);
    assert.equal(
      (await v.get("/api/v1/widget/conversation")).body.conversation.agentReadAt,
      read.body.agentReadAt,
    );

    socket.send({ type: "page", url: "https://shop.example/checkout", title: "Checkout" });
    await staffEvent(
      (e) => e.type === "chat.page" && e.caseId === caseId && e.url === "https://shop.example/checkout",
    );
    const chat = (await admin.get(`/api/v1/cases/${caseId}/chat`)).body;
    assert.deepEqual(chat.currentPage, { url: "https://shop.example/checkout", title: "Checkout" });
    assert.ok(chat.visitorReadAt);

    socket.send({ type: "page", url: "javascript:alert(1)", title: "x" });
    assert.equal((await socket.next((f) => f.type === "error")).field, "url");
    socket.ws.close();
  });

  test("Rapport.setAttributes: attributes are merged on the visitor and shown to the agent live", async () => {
    const v = await visitorSession(anon(), widget);
    const { caseId } = await startChat(server, v, { text: "Attributes test" });
    const socket = await widgetSocket(server, { token: v.token });

    socket.send({ type: "attributes", attributes: { plan: "Family", seats: 4 } });
    await staffEvent(
      (e) => e.type === "chat.attributes" && e.caseId === caseId && e.attributes.plan === "Family",
    );
    socket.send({ type: "attributes", attributes: { seats: null, beta: true } });
    await staffEvent(
      (e) => e.type === "chat.attributes" && e.caseId === caseId && e.attributes.beta === true,
    );
    const chat = (await admin.get(`/api/v1/cases/${caseId}/chat`)).body;
    assert.deepEqual(chat.attributes, { plan: "Family", beta: true }, "merged, and null removes a key");

    socket.send({ type: "attributes", attributes: { "bad key!": "x" } });
    assert.match((await socket.next((f) => f.type === "error")).field, /^attributes/);
    const many = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, i]));
    socket.send({ type: "attributes", attributes: many });
    const tooMany = await socket.next((f) => f.type === "error" && f.field === "attributes");
    assert.match(tooMany.message, /50/);
    const after = (await admin.get(`/api/v1/cases/${caseId}/chat`)).body;
    assert.deepEqual(after.attributes, { plan: "Family", beta: true }, "a refused update keeps nothing");
    socket.ws.close();
  });

  test("ping answers pong and keeps the visitor online across processes (last_seen_at)", async () => {
    const v = await visitorSession(anon(), widget);
    await q("update chat_visitors set last_seen_at = now() - interval '5 minutes' where id = $1", [
      v.visitorId,
    ]);
    const socket = await widgetSocket(server, { token: v.token });
    socket.send({ type: "ping" });
    await socket.next((f) => f.type === "pong");
    const seen = await q("select last_seen_at from chat_visitors where id = $1", [v.visitorId]);
    assert.ok(isVisitorOnline(seen.rows[0].last_seen_at));
    assert.equal(isVisitorOnline(new Date(Date.now() - 61_000)), false);
    assert.equal(isVisitorOnline(null), false);
    socket.ws.close();
  });
});

describe("agent replies on a chat (the chat reply channel)", () => {
  test("while the visitor is online the reply goes to the widget, not by email, and the chat becomes active", async () => {
    const v = await visitorSession(anon(), widget, {
      identity: signedIdentity(widget, "online-user", "online@example.test", "Oona"),
    });
    const { caseId, conversation } = await startChat(server, v, { text: "Live question" });
    const socket = await widgetSocket(server, { token: v.token });
    const reply = await admin.post(`/api/v1/cases/${caseId}/messages`, { body: "Live answer" });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    const frame = await socket.next((f) => f.type === "message");
    assert.equal(frame.conversationId, conversation.id);
    assert.equal(frame.message.body, "Live answer");
    assert.equal(frame.message.author, "agent");
    assert.equal(frame.message.authorName, "Ada Admin");
    const status = await socket.next((f) => f.type === "status");
    assert.equal(status.status, "active");
    await staffEvent((e) => e.type === "chat.status" && e.caseId === caseId && e.change === "answered");
    const row = await q("select delivery_status, email_message_id from messages where id = $1", [
      reply.body.id,
    ]);
    assert.deepEqual(row.rows[0], { delivery_status: null, email_message_id: null }, "not emailed");
    const conv = await q("select status, first_reply_at from chat_conversations where id = $1", [
      conversation.id,
    ]);
    assert.equal(conv.rows[0].status, "active");
    assert.ok(conv.rows[0].first_reply_at);
    socket.ws.close();
  });

  test("while the visitor is away, a reply goes by email to the address they left", async () => {
    const v = await visitorSession(anon(), widget);
    const { caseId, conversation } = await startChat(server, v, { text: "I have to go" });
    await q("update chat_visitors set last_seen_at = now() - interval '5 minutes' where id = $1", [
      v.visitorId,
    ]);
    await q("update chat_conversations set offline_email = 'away@example.test' where id = $1", [
      conversation.id,
    ]);
    const reply = await admin.post(`/api/v1/cases/${caseId}/messages`, {
      body: "Answer while you were away",
    });
    assert.equal(reply.status, 201);
    const mail = await eventually(
      () => sink.received.find((m) => m.envelopeTo.includes("away@example.test")),
      10_000,
    );
    assert.match(mail.mail.text ?? "", /Answer while you were away/);
    const chat = (await admin.get(`/api/v1/cases/${caseId}/chat`)).body;
    assert.equal(chat.visitorOnline, false);
  });

  test("an away anonymous visitor who left no address is not emailed at all", async () => {
    const v = await visitorSession(anon(), widget);
    const { caseId } = await startChat(server, v, { text: "Anonymous and gone" });
    await q("update chat_visitors set last_seen_at = now() - interval '5 minutes' where id = $1", [
      v.visitorId,
    ]);
    const reply = await admin.post(`/api/v1/cases/${caseId}/messages`, { body: "Nobody to mail" });
    assert.equal(reply.status, 201);
    const row = await q("select delivery_status from messages where id = $1", [reply.body.id]);
    assert.equal(row.rows[0].delivery_status, null);
    // The visitor still finds it when they come back.
    const mine = (await v.get("/api/v1/widget/conversation")).body.conversation;
    assert.equal(mine.messages.at(-1).body, "Nobody to mail");
  });

  test("the case's chat is staff-only and tenant-bound: 404 elsewhere, and for a case that is not a chat", async () => {
    const v = await visitorSession(anon(), widget);
    const { caseId } = await startChat(server, v, { text: "Tenancy" });
    const other = await otherWorkspace(server);
    assert.equal((await other.client.get(`/api/v1/cases/${caseId}/chat`)).status, 404);
    assert.equal(
      (await other.client.post(`/api/v1/cases/${caseId}/chat/typing`, { typing: true })).status,
      404,
    );
    const customer = await admin.post("/api/v1/customers", { name: "Email Only" });
    const plain = await admin.post("/api/v1/cases", {
      customerId: customer.body.id,
      subject: "x",
      message: "y",
    });
    assert.equal((await admin.get(`/api/v1/cases/${plain.body.id}/chat`)).status, 404);
    assert.equal((await anon().get(`/api/v1/cases/${caseId}/chat`)).status, 401);
    const bad = await admin.post(`/api/v1/cases/${caseId}/chat/typing`, { typing: "yes" });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "typing");
  });
});
