import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { startChat, visitorSession, type Widget, widgetFor } from "../../../../test/chat-factory.ts";
import { TestClient } from "../../../../test/client.ts";
import { setUpWorkspace } from "../../../../test/factories.ts";
import { eventually, startTestServer } from "../../../../test/harness.ts";
import { newAgent, newTeam } from "../../routing/routing.testkit.ts";
import {
  agentWithCapacity,
  type ChatWorld,
  goOffline,
  goOnline,
} from "../availability/availability.testkit.ts";
import { sweepChats } from "../missed/sweep.ts";

let w: ChatWorld;
let receiver: Server;
const hooks: Array<Record<string, any>> = [];
before(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      hooks.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  // The webhook receiver lives on loopback, which only an explicit opt-in lets webhooks reach.
  const server = await startTestServer({ env: { WEBHOOK_ALLOW_PRIVATE: "true" } });
  const { admin, workspaceId } = await setUpWorkspace(server);
  w = { server, admin, workspaceId, sockets: [] };
});
after(async () => {
  for (const s of w.sockets) s.terminate();
  await w.server.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

const caseOf = async (caseId: string) => (await w.admin.get(`/api/v1/cases/${caseId}`)).body;
const timelineKinds = async (caseId: string) =>
  (await w.admin.get(`/api/v1/cases/${caseId}/timeline`)).body.items as Array<{ kind: string; data: any }>;

async function chatAs(widget: Widget, text = "Hello, my speaker is silent") {
  const visitor = await visitorSession(new TestClient(w.server.url, { origin: null }), widget);
  return { visitor, ...(await startChat(w.server, visitor, { text })) };
}

describe("assignment on chat start", () => {
  test("the online agent of the widget's team with the fewest chats takes it; nobody free leaves it queued", async () => {
    const [a, b] = [await agentWithCapacity(w, 2), await agentWithCapacity(w, 2)];
    const offline = await agentWithCapacity(w, 5);
    const teamId = await newTeam(w, "Chat desk one", [a, b, offline]);
    const widget = await widgetFor(w.server, w.admin, { teamId });
    const sa = await goOnline(w, a);
    await goOnline(w, b);

    const first = await chatAs(widget);
    const second = await chatAs(widget);
    const got = [(await caseOf(first.caseId)).assignee?.id, (await caseOf(second.caseId)).assignee?.id];
    assert.deepEqual(got.sort(), [a.id, b.id].sort(), "one each: the fewest chats goes first");
    assert.ok(!got.includes(offline.id), "an agent without a socket gets no chat");
    const assigned = (await timelineKinds(first.caseId)).find((e) => e.kind === "case.assigned");
    assert.ok(assigned, "the assignment is on the timeline");

    const mine = await a.client.get("/api/v1/chat/capacity");
    assert.deepEqual(mine.body, { capacity: 2, active: 1 });

    await goOffline(w, a, sa);
    const third = await chatAs(widget);
    assert.equal((await caseOf(third.caseId)).assignee?.id, b.id, "b is the only one online");
    const fourth = await chatAs(widget);
    const queued = await caseOf(fourth.caseId);
    assert.equal(queued.assignee, null, "b is full: the chat waits");
    assert.equal(queued.team?.id, teamId, "in the team's queue");
  });

  test("simultaneous chat starts never take an agent past their chat capacity", async () => {
    const [x, y] = [await agentWithCapacity(w, 2), await agentWithCapacity(w, 2)];
    const teamId = await newTeam(w, "Rush chat desk", [x, y]);
    const widget = await widgetFor(w.server, w.admin, { teamId });
    await goOnline(w, x);
    await goOnline(w, y);
    const visitors = await Promise.all(
      Array.from({ length: 6 }, () => visitorSession(new TestClient(w.server.url, { origin: null }), widget)),
    );
    const chats = await Promise.all(
      visitors.map((v) => startChat(w.server, v, { text: "All at once please" })),
    );
    const assignees = await Promise.all(
      chats.map(async (c) => (await caseOf(c.caseId)).assignee?.id ?? null),
    );
    assert.equal(assignees.filter((id) => id === x.id).length, 2, "x has exactly two");
    assert.equal(assignees.filter((id) => id === y.id).length, 2, "y has exactly two");
    assert.equal(assignees.filter((id) => id === null).length, 2, "two wait in the queue");
    const list = (await w.admin.get("/api/v1/chat/agents")).body.items;
    assert.equal(list.find((r: { id: string }) => r.id === x.id).active, 2);
  });
});

describe("the chat sweep", () => {
  test("a chat whose agent went offline goes back to the queue and on to a free agent", async () => {
    const [p, q] = [await agentWithCapacity(w, 1), await agentWithCapacity(w, 1)];
    const teamId = await newTeam(w, "Sweep desk", [p, q]);
    const widget = await widgetFor(w.server, w.admin, { teamId });
    const sp = await goOnline(w, p);
    const chat = await chatAs(widget);
    assert.equal((await caseOf(chat.caseId)).assignee?.id, p.id);
    await goOffline(w, p, sp);
    const { ctx } = w.server.runtime;
    const first = await sweepChats(ctx);
    assert.ok(first.requeued >= 1);
    const c = await caseOf(chat.caseId);
    assert.equal(c.assignee, null, "no one online: back in the queue");
    assert.equal(c.team?.id, teamId, "the team is kept");
    const ev = (await timelineKinds(chat.caseId)).filter((e) => e.kind === "chat.requeued");
    assert.equal(ev.length, 1);
    assert.equal(ev[0]?.data.fromId, p.id);
    await sweepChats(ctx);
    assert.equal(
      (await timelineKinds(chat.caseId)).filter((e) => e.kind === "chat.requeued").length,
      1,
      "once",
    );

    await goOnline(w, q);
    const taken = await eventually(async () => (await caseOf(chat.caseId)).assignee?.id);
    assert.equal(taken, q.id, "the queued chat goes to the agent as they come online, not a minute later");
  });

  test("an agent whose process died (their presence row never refreshed) stops counting after two minutes", async () => {
    const r = await agentWithCapacity(w, 1);
    const teamId = await newTeam(w, "Crashed process desk", [r]);
    const widget = await widgetFor(w.server, w.admin, { teamId });
    await goOnline(w, r);
    const chat = await chatAs(widget);
    assert.equal((await caseOf(chat.caseId)).assignee?.id, r.id);
    const { ctx } = w.server.runtime;
    await sweepChats(ctx);
    assert.equal((await caseOf(chat.caseId)).assignee?.id, r.id, "a live heartbeat keeps the chat");
    // Three minutes on, with no heartbeat in between, is what a killed process looks like.
    await sweepChats(ctx, new Date(Date.now() + 3 * 60_000));
    assert.equal((await caseOf(chat.caseId)).assignee, null, "re-queued");
  });

  test("an answered chat is never missed, and answers give the widget its expected wait", async () => {
    const agent = await agentWithCapacity(w, 3);
    const teamId = await newTeam(w, "Answering desk", [agent]);
    const widget = await widgetFor(w.server, w.admin, { teamId, missedAfterSeconds: 30 });
    await goOnline(w, agent);
    const chat = await chatAs(widget, "Can someone help with pairing?");
    assert.equal((await caseOf(chat.caseId)).assignee?.id, agent.id);
    const reply = await agent.client.post(`/api/v1/cases/${chat.caseId}/messages`, {
      body: "Hi, I can help.",
    });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    await sweepChats(w.server.runtime.ctx, new Date(Date.now() + 5 * 60_000));
    assert.equal(
      (await timelineKinds(chat.caseId)).some((e) => e.kind === "chat.missed"),
      false,
    );
    const anon = new TestClient(w.server.url, { origin: null });
    const avail = await anon.get(`/api/v1/widget/availability?key=${widget.key}`);
    assert.equal(avail.status, 200, JSON.stringify(avail.body));
    assert.equal(avail.body.available, true);
    assert.equal(typeof avail.body.expectedWaitSeconds, "number", "recent answered chats give a wait");
    assert.ok(avail.body.expectedWaitSeconds >= 0 && avail.body.expectedWaitSeconds < 60);
  });

  test("an unanswered chat is marked missed once, with one chat.missed webhook", async () => {
    const hook = await w.admin.post("/api/v1/webhooks", {
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`,
      events: ["chat.missed"],
    });
    assert.equal(hook.status, 201, JSON.stringify(hook.body));
    const widget = await widgetFor(w.server, w.admin, { teamId: null, missedAfterSeconds: 30 });
    const chat = await chatAs(widget, "Is anyone there?");
    const { ctx } = w.server.runtime;
    const early = await sweepChats(ctx, new Date(Date.now() + 10_000));
    assert.equal(
      (await timelineKinds(chat.caseId)).some((e) => e.kind === "chat.missed"),
      false,
      "not yet",
    );
    assert.ok(early);
    const later = new Date(Date.now() + 45_000);
    await sweepChats(ctx, later);
    await sweepChats(ctx, new Date(later.getTime() + 60_000));
    const missed = (await timelineKinds(chat.caseId)).filter((e) => e.kind === "chat.missed");
    assert.equal(missed.length, 1, "marked once");
    assert.equal(missed[0]?.data.conversationId, chat.conversation.id);
    assert.ok(missed[0]?.data.waitedSeconds >= 30);
    const delivered = await eventually(() =>
      hooks.find((h) => h.event === "chat.missed" && h.data.caseId === chat.caseId),
    );
    assert.equal(delivered.data.conversationId, chat.conversation.id);
    assert.ok(delivered.data.waitedSeconds >= 30);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(
      hooks.filter((h) => h.event === "chat.missed" && h.data.caseId === chat.caseId).length,
      1,
      "the webhook is delivered once",
    );
  });
});

test("a plain agent without chats can still read their own capacity", async () => {
  const agent = await newAgent(w);
  assert.equal((await agent.client.get("/api/v1/chat/capacity")).status, 200);
});
