import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  signedIdentity,
  startChat,
  visitorSession,
  type Widget,
  widgetFor,
} from "../../../test/chat-factory.ts";
import { TestClient } from "../../../test/client.ts";
import { setUpWorkspace } from "../../../test/factories.ts";
import { startTestServer, type TestServer } from "../../../test/harness.ts";
import { onChatStarted } from "./chat-hooks.ts";

let server: TestServer;
let admin: TestClient;
let widget: Widget;
let teamId: string;
const q = (text: string, params: unknown[] = []) => server.runtime.ctx.pool.query(text, params);
const anon = () => new TestClient(server.url);
const heard: string[] = [];

before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  const teams = await admin.post("/api/v1/teams", { name: "Chat desk" });
  teamId = teams.body.items.find((t: { name: string }) => t.name === "Chat desk").id;
  widget = await widgetFor(server, admin, { teamId });
  // A listener runs in the start's transaction: throwing undoes the whole start.
  onChatStarted(async (e) => {
    const c = await e.scope
      .selectFrom("cases")
      .select("subject")
      .where("id", "=", e.caseId)
      .executeTakeFirst();
    if (c?.subject.includes("explode")) throw new Error("listener failed");
    heard.push(e.conversationId);
  });
});
after(async () => {
  await server.close();
});

describe("starting a chat", () => {
  test("a chat is a case of channel 'chat' for a new customer, on the widget's team, heard by listeners", async () => {
    const v = await visitorSession(anon(), widget);
    const { conversation, caseId } = await startChat(server, v, {
      text: "My soundbar is silent",
      name: "Sam Visitor",
      topic: "Sound",
    });
    assert.equal(conversation.status, "waiting");
    assert.deepEqual(
      conversation.messages.map((m: { author: string; body: string }) => [m.author, m.body]),
      [["visitor", "My soundbar is silent"]],
    );
    const c = (await admin.get(`/api/v1/cases/${caseId}`)).body;
    assert.equal(c.channel, "chat");
    assert.equal(c.subject, "Sound");
    assert.equal(c.customer.name, "Sam Visitor");
    assert.equal(c.team?.id, teamId, "routing chose no one, so the widget's team takes it");
    assert.ok(heard.includes(conversation.id));
    const visitor = await q("select customer_id, name from chat_visitors where id = $1", [v.visitorId]);
    assert.equal(visitor.rows[0].customer_id, c.customer.id);
  });

  test("a failing chat-started listener leaves nothing half-written", async () => {
    const v = await visitorSession(anon(), widget);
    const before = await q("select count(*)::int as n from cases");
    const res = await v.post("/api/v1/widget/conversations", { text: "please explode" });
    assert.equal(res.status, 500);
    const afterCount = await q("select count(*)::int as n from cases");
    assert.equal(afterCount.rows[0].n, before.rows[0].n);
    const convs = await q("select count(*)::int as n from chat_conversations where visitor_id = $1", [
      v.visitorId,
    ]);
    assert.equal(convs.rows[0].n, 0);
  });

  test("bad input names the field; a message without a chat is 404", async () => {
    const v = await visitorSession(anon(), widget);
    for (const [body, field] of [
      [{ text: "   " }, "text"],
      [{ text: "hi", email: "not-an-email" }, "email"],
      [{ text: "hi", page: { url: "javascript:alert(1)" } }, "page.url"],
      [{ text: "x".repeat(5001) }, "text"],
      [{ text: "hi", caseId: "x" }, "caseId"],
    ] as const) {
      const res = await v.post("/api/v1/widget/conversations", body);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.error.field, field);
    }
    const none = await v.post("/api/v1/widget/conversation/messages", { text: "anyone?" });
    assert.equal(none.status, 404);
    assert.deepEqual((await v.get("/api/v1/widget/conversation")).body, { conversation: null });
  });
});

describe("the conversation", () => {
  test("visitor messages reach the case; agent replies come back; internal notes never do", async () => {
    const v = await visitorSession(anon(), widget);
    const { caseId } = await startChat(server, v, { text: "Hello" });
    const sent = await v.post("/api/v1/widget/conversation/messages", { text: "Are you there?" });
    assert.equal(sent.status, 201);
    assert.equal(sent.body.author, "visitor");
    await admin.post(`/api/v1/cases/${caseId}/messages`, { body: "Internal: check firmware", kind: "note" });
    await admin.post(`/api/v1/cases/${caseId}/messages`, { body: "Yes, I am here!" });
    const staffView = (await admin.get(`/api/v1/cases/${caseId}/messages`)).body.items as Array<{
      body: string;
    }>;
    assert.ok(staffView.some((m) => m.body === "Are you there?"));
    const mine = (await v.get("/api/v1/widget/conversation")).body.conversation;
    assert.deepEqual(
      mine.messages.map((m: { author: string; body: string }) => [m.author, m.body]),
      [
        ["visitor", "Hello"],
        ["visitor", "Are you there?"],
        ["agent", "Yes, I am here!"],
      ],
    );
    assert.equal(mine.messages[2].authorName, "Ada Admin");
  });

  test("a second start while a chat is open adds to that chat instead of opening another case", async () => {
    const v = await visitorSession(anon(), widget);
    const { conversation } = await startChat(server, v, { text: "First" });
    const again = await v.post("/api/v1/widget/conversations", { text: "Second" });
    assert.equal(again.status, 200);
    assert.equal(again.body.id, conversation.id);
    assert.equal(again.body.messages.length, 2);
  });

  test("a visitor sees only their own chat; the conversation follows the token, not an id", async () => {
    const alice = await visitorSession(anon(), widget);
    const bob = await visitorSession(anon(), widget);
    const { conversation } = await startChat(server, alice, { text: "Alice's secret order 1234" });
    const bobView = await bob.get("/api/v1/widget/conversation");
    assert.equal(bobView.body.conversation, null);
    const bobSend = await bob.post("/api/v1/widget/conversation/messages", { text: "mine now" });
    assert.equal(bobSend.status, 404);
    // Bob cannot name Alice's conversation anywhere: a forged body field is refused.
    const forged = await bob.post("/api/v1/widget/conversation/messages", {
      text: "x",
      conversationId: conversation.id,
    });
    assert.equal(forged.status, 400);
    const aliceMsgs = await q(
      "select count(*)::int as n from messages m join chat_conversations c on c.case_id = m.case_id where c.id = $1",
      [conversation.id],
    );
    assert.equal(aliceMsgs.rows[0].n, 1);
  });

  test("hostile text is stored and returned as plain text, never as markup", async () => {
    const v = await visitorSession(anon(), widget);
    const hostile = `<img src=x onerror="alert(1)"><script>alert(2)</script>[click](javascript:alert(3))`;
    const { caseId } = await startChat(server, v, { text: hostile });
    const stored = await q("select body, body_html from messages where case_id = $1", [caseId]);
    assert.equal(stored.rows[0].body, hostile, "kept verbatim as text");
    assert.equal(stored.rows[0].body_html, null, "no HTML version that a browser would render");
    const mine = (await v.get("/api/v1/widget/conversation")).body.conversation;
    assert.equal(mine.messages[0].body, hostile);
  });
});

describe("identity", () => {
  test("a verified email reaches the customer who owns it; an unverified one never does", async () => {
    const owner = await admin.post("/api/v1/customers", {
      name: "Olivia Owner",
      emails: ["olivia@example.test"],
    });
    assert.equal(owner.status, 201, JSON.stringify(owner.body));
    // Anyone may type Olivia's address into the pre-chat form: a new customer, email kept unverified.
    const impostor = await visitorSession(anon(), widget);
    const fake = await startChat(server, impostor, {
      text: "Show me my orders",
      email: "olivia@example.test",
    });
    const fakeCase = (await admin.get(`/api/v1/cases/${fake.caseId}`)).body;
    assert.notEqual(fakeCase.customer.id, owner.body.id);
    const kept = await q("select email, email_verified from chat_visitors where id = $1", [
      impostor.visitorId,
    ]);
    assert.deepEqual(kept.rows[0], { email: "olivia@example.test", email_verified: false });
    // The host site signs Olivia's identity: her own customer record takes the chat.
    const real = await visitorSession(anon(), widget, {
      identity: signedIdentity(widget, "shop-user-7", "olivia@example.test", "Olivia"),
    });
    const chat = await startChat(server, real, { text: "Where is my order?" });
    const realCase = (await admin.get(`/api/v1/cases/${chat.caseId}`)).body;
    assert.equal(realCase.customer.id, owner.body.id);
    const ids = await q("select kind, value from customer_identities where customer_id = $1 order by kind", [
      owner.body.id,
    ]);
    assert.deepEqual(
      ids.rows.map((r) => `${r.kind}:${r.value}`),
      ["email:olivia@example.test", "external:shop-user-7"],
      "the host's user id is remembered as an external identity",
    );
  });

  test("a verified visitor on a second device gets the same open chat; an anonymous one does not", async () => {
    const identity = signedIdentity(widget, "shop-user-9", "nina@example.test", "Nina");
    const laptop = await visitorSession(anon(), widget, { identity });
    const { conversation } = await startChat(server, laptop, { text: "Started on my laptop" });
    const phone = await visitorSession(anon(), widget, { identity });
    assert.notEqual(phone.visitorId, laptop.visitorId);
    assert.equal(phone.session.conversation?.id, conversation.id);
    const sent = await phone.post("/api/v1/widget/conversation/messages", { text: "now on my phone" });
    assert.equal(sent.status, 201);
    const laptopView = (await laptop.get("/api/v1/widget/conversation")).body.conversation;
    assert.equal(laptopView.messages.at(-1).body, "now on my phone");
    const stranger = await visitorSession(anon(), widget);
    assert.equal(stranger.session.conversation, null);
  });

  test("a verified identity never resumes another user's token", async () => {
    const a = await visitorSession(anon(), widget, { identity: signedIdentity(widget, "u-a") });
    const b = await visitorSession(anon(), widget, {
      identity: signedIdentity(widget, "u-b"),
      token: a.token,
    });
    assert.notEqual(b.visitorId, a.visitorId);
  });
});
