import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  signedIdentity,
  startChat,
  type Visitor,
  visitorSession,
  type Widget,
  widgetFor,
} from "../../../../test/chat-factory.ts";
import { TestClient } from "../../../../test/client.ts";
import { otherWorkspace, setUpWorkspace } from "../../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../../test/harness.ts";
import { sendRaw, startSink } from "../../../../test/mail.ts";

let server: TestServer;
let admin: TestClient;
let widget: Widget;
let sink: Awaited<ReturnType<typeof startSink>>;
before(async () => {
  sink = await startSink();
  server = await startTestServer({ env: { SMTP_URL: sink.url } });
  ({ admin } = await setUpWorkspace(server));
  widget = await widgetFor(server, admin);
});
after(async () => {
  await server.close();
  await sink.close();
});

const newVisitor = () => visitorSession(new TestClient(server.url, { origin: null }), widget);
const messagesOf = async (caseId: string) =>
  (await admin.get(`/api/v1/cases/${caseId}/messages`)).body.items as Array<{ body: string; kind: string }>;

describe("continue by email", () => {
  test("the agent's reply reaches the address by email and the answer threads into the same case", async () => {
    const visitor = await newVisitor();
    const { caseId } = await startChat(server, visitor, { text: "My speaker drops off the wifi" });
    const left = await visitor.post("/api/v1/widget/conversation/email", { email: "Vic@Example.com" });
    assert.equal(left.status, 200, JSON.stringify(left.body));
    assert.equal(left.body.status, "offline");
    assert.equal(left.body.offlineEmail, "vic@example.com");

    const reply = await admin.post(`/api/v1/cases/${caseId}/messages`, {
      body: "Please restart the router.",
    });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    const sent = await eventually(() => sink.received.find((r) => r.envelopeTo.includes("vic@example.com")));
    assert.match(sent.mail.text ?? "", /Please restart the router\./);
    assert.ok(sent.mail.messageId, "the reply carries a Message-ID to thread on");

    const replyTo = sent.mail.replyTo?.value[0]?.address ?? "support@localhost";
    await sendRaw(
      server.runtime.ctx.config.smtpPort,
      `From: Vic <vic@example.com>\r\nTo: ${replyTo}\r\nSubject: Re: ${sent.mail.subject}\r\nMessage-ID: <vic-1@example.com>\r\nIn-Reply-To: ${sent.mail.messageId}\r\n\r\nRestarted, it works now. Thanks!\r\n`,
      { from: "vic@example.com", to: [replyTo] },
    );
    const answer = await eventually(async () =>
      (await messagesOf(caseId)).find((m) => m.kind === "customer" && /Restarted, it works now/.test(m.body)),
    );
    assert.ok(answer, "the emailed answer is a customer message of the chat's case");
    const cases = (await admin.get("/api/v1/cases?status=all&q=Restarted")).body.items as Array<{
      id: string;
    }>;
    assert.ok(
      cases.every((c) => c.id === caseId),
      "no new case was opened for it",
    );
  });

  test("bad input names the field; no visitor token is 401; no chat is 404", async () => {
    const visitor = await newVisitor();
    const bad = await visitor.post("/api/v1/widget/conversation/email", { email: "not an address" });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "email");
    const extra = await visitor.post("/api/v1/widget/conversation/email", { email: "a@example.com", x: 1 });
    assert.equal(extra.status, 400);
    const anon = new TestClient(server.url, { origin: null });
    const noToken = await anon.post("/api/v1/widget/conversation/email", { email: "a@example.com" });
    assert.equal(noToken.status, 401);
    const none = await visitor.post("/api/v1/widget/conversation/email", { email: "a@example.com" });
    assert.equal(none.status, 404, "this visitor has no chat");
  });
});

describe("transcripts", () => {
  async function chatWithNote(visitor: Visitor) {
    const { caseId } = await startChat(server, visitor, {
      text: 'My <script>alert("x")</script> speaker hums',
    });
    assert.equal(
      (
        await admin.post(`/api/v1/cases/${caseId}/messages`, {
          body: "Customer sounds annoyed",
          kind: "note",
        })
      ).status,
      201,
    );
    assert.equal(
      (await admin.post(`/api/v1/cases/${caseId}/messages`, { body: "Try another power socket." })).status,
      201,
    );
    return caseId;
  }

  test("the transcript goes as text and HTML, with both sides and never the internal note", async () => {
    const visitor = await newVisitor();
    await chatWithNote(visitor);
    const res = await visitor.post("/api/v1/widget/conversation/transcript", { email: "tara@example.com" });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    assert.equal(res.body.sentTo, "tara@example.com");
    const got = await eventually(() =>
      sink.received.find(
        (r) => r.envelopeTo.includes("tara@example.com") && /Your chat with/.test(r.mail.subject ?? ""),
      ),
    );
    const text = got.mail.text ?? "";
    assert.match(text, /speaker hums/);
    assert.match(text, /Try another power socket\./);
    assert.doesNotMatch(text, /annoyed/, "internal notes never leave");
    const html = String(got.mail.html ?? "");
    assert.match(html, /Try another power socket\./);
    assert.doesNotMatch(html, /annoyed/);
    assert.doesNotMatch(html, /<script>/, "the visitor's text is escaped, never markup");
    assert.match(html, /&lt;script&gt;/);
  });

  test("a verified visitor's transcript goes to their verified email without asking", async () => {
    const identity = signedIdentity(widget, "user-4711", "vera@example.com", "Vera");
    const visitor = await visitorSession(new TestClient(server.url, { origin: null }), widget, { identity });
    assert.equal(visitor.verified, true);
    await startChat(server, visitor, { text: "Verified and asking" });
    const res = await visitor.post("/api/v1/widget/conversation/transcript", {});
    assert.equal(res.status, 202, JSON.stringify(res.body));
    assert.equal(res.body.sentTo, "vera@example.com");
    await eventually(() => sink.received.find((r) => r.envelopeTo.includes("vera@example.com")));
  });

  test("an unverified visitor must give the address; a few per visitor, then 429", async () => {
    const visitor = await newVisitor();
    await chatWithNote(visitor);
    const none = await visitor.post("/api/v1/widget/conversation/transcript", {});
    assert.equal(none.status, 400);
    assert.equal(none.body.error.field, "email");
    const bad = await visitor.post("/api/v1/widget/conversation/transcript", { email: "nope" });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "email");
    assert.equal(
      (await visitor.post("/api/v1/widget/conversation/transcript", { email: "u@example.com" })).status,
      202,
    );
    const limited = await visitor.post("/api/v1/widget/conversation/transcript", { email: "u@example.com" });
    assert.equal(limited.status, 429, "three an hour per visitor");
    const other = await newVisitor();
    const noChat = await other.post("/api/v1/widget/conversation/transcript", { email: "u@example.com" });
    assert.equal(noChat.status, 404, "another visitor's chat is not theirs to send");
  });

  test("a visitor token does not reach another workspace's staff API", async () => {
    const visitor = await newVisitor();
    const { caseId } = await startChat(server, visitor, { text: "Hello" });
    const staffApi = await visitor.get(`/api/v1/cases/${caseId}`);
    assert.equal(staffApi.status, 401);
    const other = await otherWorkspace(server);
    assert.equal((await other.client.get(`/api/v1/cases/${caseId}`)).status, 404);
  });
});

describe("the widget's guards on these routes", () => {
  test("no visitor token is 401 before any input rule; an unlisted origin is 403 naming origin", async () => {
    const anon = new TestClient(server.url, { origin: null });
    const bad = await anon.post("/api/v1/widget/conversation/email", { email: "not an address" });
    assert.equal(bad.status, 401, "strangers learn nothing about the input rules");
    assert.equal((await anon.get("/api/v1/widget/suggestions?q=x&helpSessionId=y")).status, 401);

    const visitor = await newVisitor();
    await startChat(server, visitor, { text: "From the shop" });
    const set = await widgetFor(server, admin, { allowedOrigins: ["https://shop.example.com"] });
    const evil = { origin: "https://evil.example.com" };
    const fromEvil = await visitor.post(
      "/api/v1/widget/conversation/transcript",
      { email: "e@example.com" },
      evil,
    );
    assert.equal(fromEvil.status, 403, JSON.stringify(fromEvil.body));
    assert.equal(fromEvil.body.error.field, "origin");
    const availability = await anon.request(
      "GET",
      `/api/v1/widget/availability?key=${set.key}`,
      undefined,
      evil,
    );
    assert.equal(availability.status, 403);
    const shop = { origin: "https://shop.example.com" };
    const fromShop = await anon.request("GET", `/api/v1/widget/availability?key=${set.key}`, undefined, shop);
    assert.equal(fromShop.status, 200, JSON.stringify(fromShop.body));
    const email = await visitor.post("/api/v1/widget/conversation/email", { email: "s@example.com" }, shop);
    assert.equal(email.status, 200, JSON.stringify(email.body));
    await widgetFor(server, admin, { allowedOrigins: [] });
  });
});
