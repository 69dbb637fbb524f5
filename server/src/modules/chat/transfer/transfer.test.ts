import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { startChat, visitorSession, widgetFor } from "../../../../test/chat-factory.ts";
import { TestClient } from "../../../../test/client.ts";
import { otherWorkspace, setUpWorkspace, staffClient, uniqueEmail } from "../../../../test/factories.ts";
import { eventually, startTestServer, type TestServer } from "../../../../test/harness.ts";
import { membershipOf } from "../../actions/actions.testkit.ts";

/**
 * Transferring a chat, through HTTP against a real database: the case changes hands, the note
 * is an internal note and a timeline event, the receiver is notified, the visitor's widget is
 * told who they now chat with, and bad targets, other roles and other workspaces are refused.
 */
let server: TestServer;
let admin: TestClient;
let agent: TestClient;
let dana: TestClient;
let engineer: TestClient;
let danaMember: string;
let engineerMember: string;
let agentMember: string;
let customerId: string;
let listener: pg.Client;
const envelopes: Array<{ audience: { kind: string; visitorId?: string }; event: Record<string, unknown> }> =
  [];

before(async () => {
  server = await startTestServer();
  ({ admin } = await setUpWorkspace(server));
  const a = await staffClient(server, "agent");
  agent = a.client;
  agentMember = await membershipOf(server, a.email);
  const d = await staffClient(server, "agent");
  dana = d.client;
  danaMember = await membershipOf(server, d.email);
  const e = await staffClient(server, "engineer");
  engineer = e.client;
  engineerMember = await membershipOf(server, e.email);
  const profile = await dana.put("/api/v1/agents/me/profile", { displayName: "Dana", languages: ["en"] });
  assert.equal(profile.status, 200, JSON.stringify(profile.body));
  const made = await agent.post("/api/v1/customers", { name: "Vic Visitor", emails: [uniqueEmail("vic")] });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  customerId = made.body.id;
  // What the widget-server's tap would hear: every NOTIFY, visitor frames included.
  // A direct connection: LISTEN through the app's pool would hear nothing behind a transaction
  // pooler (scripts/pgbouncer-suite.sh), as the app's own listener does (db/direct.ts).
  listener = new pg.Client({ connectionString: server.databaseUrl });
  await listener.connect();
  listener.on("notification", (n) => envelopes.push(JSON.parse(n.payload ?? "{}")));
  await listener.query("listen rapport_events");
});
after(async () => {
  await listener?.end();
  await server?.close();
});

/** A chat started through the widget's API, then taken by `agent`. */
async function newChat() {
  const widget = await widgetFor(server, admin);
  const visitor = await visitorSession(new TestClient(server.url), widget, {
    page: { url: "https://shop.example.com/pricing", title: "Pricing" },
  });
  const { conversation, caseId } = await startChat(server, visitor, {
    text: "Which plan has call recording?",
    name: "Vic",
  });
  const taken = await agent.patch(`/api/v1/cases/${caseId}`, { assigneeId: agentMember });
  assert.equal(taken.status, 200, JSON.stringify(taken.body));
  return { caseId, visitorId: visitor.visitorId, conversationId: conversation.id as string };
}

/** The status frame the visitor's widget heard after `since`. */
const afterTransfer = (since: number, visitorId: string) =>
  envelopes
    .slice(since)
    .find(
      (e) => e.audience.kind === "visitor" && e.audience.visitorId === visitorId && e.event.type === "status",
    );

test("a chat transferred to an agent: assignee, internal note, timeline, notice, visitor told", async () => {
  const chat = await newChat();
  const since = envelopes.length;
  const res = await agent.post(`/api/v1/cases/${chat.caseId}/chat/transfer`, {
    assigneeId: danaMember,
    note: "Asks about call recording on the Pro plan",
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.assignee?.id, danaMember);

  const messages = await agent.get(`/api/v1/cases/${chat.caseId}/messages`);
  const note = messages.body.items.find((m: { kind: string }) => m.kind === "note");
  assert.equal(note?.body, "Asks about call recording on the Pro plan");

  const timeline = await agent.get(`/api/v1/cases/${chat.caseId}/timeline`);
  const event = timeline.body.items.find((e: { kind: string }) => e.kind === "chat.transferred");
  assert.deepEqual(
    { to: event?.data.to, toId: event?.data.toId, toName: event?.data.toName },
    { to: "agent", toId: danaMember, toName: "Dana" },
  );

  const bell = await dana.get("/api/v1/notifications");
  const notice = bell.body.items.find((n: { kind: string }) => n.kind === "chat.transferred");
  assert.ok(notice, "Dana is told the chat is hers");
  assert.equal(notice.caseId, chat.caseId);
  assert.match(notice.title, /transferred chat #\d+ to you/);

  // The visitor's widget hears who they chat with now; staff screens hear the transfer.
  const frame = await eventually(() => afterTransfer(since, chat.visitorId));
  assert.deepEqual(frame.event, {
    type: "status",
    conversationId: chat.conversationId,
    status: "waiting",
    agent: { name: "Dana", photoUrl: null },
  });
  const staff = await eventually(() =>
    envelopes.slice(since).find((e) => e.event.type === "chat.status" && e.event.caseId === chat.caseId),
  );
  assert.equal(staff.event.change, "transferred");
});

test("a chat transferred to a team goes back to its queue and its agents are told", async () => {
  const chat = await newChat();
  const since = envelopes.length;
  const team = await admin.post("/api/v1/teams", { name: "Sales", memberIds: [danaMember] });
  assert.equal(team.status, 201, JSON.stringify(team.body));
  const teamId = team.body.items.find((t: { name: string }) => t.name === "Sales").id;
  const res = await agent.post(`/api/v1/cases/${chat.caseId}/chat/transfer`, {
    teamId,
    note: "Sales question",
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.team?.id, teamId);
  assert.equal(res.body.assignee, null);
  const bell = await dana.get("/api/v1/notifications");
  assert.ok(bell.body.items.some((n: { kind: string; title: string }) => n.title.includes("to Sales")));
  const frame = await eventually(() => afterTransfer(since, chat.visitorId));
  assert.equal(frame.event.agent, null);
});

test("bad input names the field; a target who cannot take chats is refused with 422", async () => {
  const chat = await newChat();
  const path = `/api/v1/cases/${chat.caseId}/chat/transfer`;
  const both = await agent.post(path, { assigneeId: danaMember, teamId: danaMember, note: "x" });
  assert.equal(both.status, 400);
  assert.equal(both.body.error.field, "assigneeId");
  const noNote = await agent.post(path, { assigneeId: danaMember, note: "  " });
  assert.equal(noNote.status, 400);
  assert.equal(noNote.body.error.field, "note");
  const toEngineer = await agent.post(path, { assigneeId: engineerMember, note: "Over to you" });
  assert.equal(toEngineer.status, 422, JSON.stringify(toEngineer.body));
  assert.equal(toEngineer.body.error.field, "assigneeId");
  const toSelf = await agent.post(path, { assigneeId: agentMember, note: "Back to me" });
  assert.equal(toSelf.status, 422);
  assert.equal(toSelf.body.error.field, "assigneeId");
  const noTeam = await agent.post(path, { teamId: crypto.randomUUID(), note: "Team?" });
  assert.equal(noTeam.status, 422);
  assert.equal(noTeam.body.error.field, "teamId");
  // Nothing half-written: the refused transfers left no note behind.
  const messages = await agent.get(`/api/v1/cases/${chat.caseId}/messages`);
  assert.equal(messages.body.items.filter((m: { kind: string }) => m.kind === "note").length, 0);
});

test("only staff who work cases transfer; other workspaces and non-chat cases answer 404", async () => {
  const chat = await newChat();
  const path = `/api/v1/cases/${chat.caseId}/chat/transfer`;
  const byEngineer = await engineer.post(path, { assigneeId: danaMember, note: "Over to you" });
  assert.equal(byEngineer.status, 403);
  const { client: stranger } = await otherWorkspace(server);
  const foreign = await stranger.post(path, { assigneeId: danaMember, note: "Over to you" });
  assert.equal(foreign.status, 404);
  const email = await agent.post("/api/v1/cases", { customerId, subject: "By email", message: "Hello" });
  const notChat = await agent.post(`/api/v1/cases/${email.body.id}/chat/transfer`, {
    assigneeId: danaMember,
    note: "Over to you",
  });
  assert.equal(notChat.status, 404);
  assert.equal(notChat.body.error.message, "This case has no chat");
});
