import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startChat, visitorSession, type Widget } from "../../../../test/chat-factory.ts";
import { TestClient } from "../../../../test/client.ts";
import { otherWorkspace } from "../../../../test/factories.ts";
import { startTestServer } from "../../../../test/harness.ts";
import { newAgent, newTeam } from "../../routing/routing.testkit.ts";
import {
  agentWithCapacity,
  type ChatWorld,
  closeChatWorld,
  ensureWidget,
  goOffline,
  goOnline,
  startChatWorld,
} from "./availability.testkit.ts";
import { forgetAvailability } from "./availability-cache.ts";

let w: ChatWorld;
let anon: TestClient;
before(async () => {
  w = await startChatWorld();
  anon = new TestClient(w.server.url, { origin: null });
});
after(() => closeChatWorld(w));

const availability = async (key: string) => {
  const res = await anon.get(`/api/v1/widget/availability?key=${key}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as {
    available: boolean;
    expectedWaitSeconds: number | null;
    nextAvailableAt: string | null;
    agentsOnline: number;
  };
};

describe("chat capacity", () => {
  test("an agent reads and sets their own capacity; the widget's default applies until they do", async () => {
    const agent = await newAgent(w);
    await ensureWidget(w);
    const mine = await agent.client.get("/api/v1/chat/capacity");
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    assert.deepEqual(mine.body, { capacity: 3, active: 0 }, "the widget's default of 3");
    const set = await agent.client.put("/api/v1/chat/capacity", { capacity: 5 });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.equal(set.body.capacity, 5);
    assert.equal((await agent.client.get("/api/v1/chat/capacity")).body.capacity, 5);
  });

  test("bad capacity is a 400 naming the field", async () => {
    const agent = await newAgent(w);
    for (const capacity of [-1, 51, 2.5, "3"]) {
      const res = await agent.client.put("/api/v1/chat/capacity", { capacity });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.error.field, "capacity");
    }
    const extra = await agent.client.put("/api/v1/chat/capacity", { capacity: 2, other: 1 });
    assert.equal(extra.status, 400);
  });

  test("only admins and team leads list every agent; only admins set someone's capacity", async () => {
    const [agent, lead] = [await newAgent(w), await newAgent(w)];
    assert.equal((await agent.client.get("/api/v1/chat/agents")).status, 403, "a plain agent may not");
    const teamId = await newTeam(w, "Chat leads desk", [lead]);
    const made = await w.admin.put(`/api/v1/teams/${teamId}`, {
      name: "Chat leads desk",
      leadIds: [lead.id],
    });
    if (made.status === 200) {
      const asLead = await lead.client.get("/api/v1/chat/agents");
      assert.equal(asLead.status, 200, JSON.stringify(asLead.body));
      assert.ok(asLead.body.items.some((a: { id: string }) => a.id === agent.id));
    }
    const byAgent = await agent.client.put(`/api/v1/chat/agents/${lead.id}/capacity`, { capacity: 1 });
    assert.equal(byAgent.status, 403);
    const byAdmin = await w.admin.put(`/api/v1/chat/agents/${agent.id}/capacity`, { capacity: 1 });
    assert.equal(byAdmin.status, 200, JSON.stringify(byAdmin.body));
    assert.deepEqual(
      { capacity: byAdmin.body.capacity, own: byAdmin.body.ownCapacity, active: byAdmin.body.active },
      { capacity: 1, own: true, active: 0 },
    );
    const list = await w.admin.get("/api/v1/chat/agents");
    const row = list.body.items.find((a: { id: string }) => a.id === agent.id);
    assert.equal(row.capacity, 1);
    assert.equal(row.online, false, "no socket open: not online");
  });

  test("another workspace's agent is a 404; a malformed id a 400 naming it", async () => {
    const agent = await newAgent(w);
    const other = await otherWorkspace(w.server);
    const res = await other.client.put(`/api/v1/chat/agents/${agent.id}/capacity`, { capacity: 2 });
    assert.equal(res.status, 404, JSON.stringify(res.body));
    assert.equal(
      (await w.admin.get("/api/v1/chat/agents")).body.items.find((a: { id: string }) => a.id === agent.id)
        .capacity,
      3,
    );
    const bad = await w.admin.put("/api/v1/chat/agents/not-an-id/capacity", { capacity: 2 });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "membershipId");
  });

  test("without a sign-in the capacity routes answer 401", async () => {
    assert.equal((await anon.get("/api/v1/chat/capacity")).status, 401);
    assert.equal((await anon.get("/api/v1/chat/agents")).status, 401);
  });
});

describe("agents online and widget availability", () => {
  test("an open staff socket makes an agent online; closing it takes them offline", async () => {
    const agent = await newAgent(w);
    const ws = await goOnline(w, agent);
    const on = (await w.admin.get("/api/v1/chat/agents")).body.items.find(
      (a: { id: string }) => a.id === agent.id,
    );
    assert.equal(on.online, true);
    await goOffline(w, agent, ws);
    const off = (await w.admin.get("/api/v1/chat/agents")).body.items.find(
      (a: { id: string }) => a.id === agent.id,
    );
    assert.equal(off.online, false);
  });

  test("availability: no agents online, then one online, then away, then at capacity", async () => {
    const agent = await newAgent(w);
    const teamId = await newTeam(w, "Chat availability desk", [agent]);
    const key = await ensureWidget(w, { teamId });
    const none = await availability(key);
    assert.deepEqual(none, {
      available: false,
      expectedWaitSeconds: null,
      nextAvailableAt: null,
      agentsOnline: 0,
    });

    const ws = await goOnline(w, agent);
    const open = await availability(key);
    assert.equal(open.available, true, "an online agent of the widget's team with free places");
    assert.equal(open.agentsOnline, 1);

    // Away: still connected, but not taking chats. The answer is cached briefly, so forget it
    // (a change in another module, routing, is seen by the widget within the cache's seconds).
    const away = await agent.client.put(`/api/v1/agents/${agent.id}/availability`, { status: "away" });
    assert.equal(away.status, 200, JSON.stringify(away.body));
    forgetAvailability(w.workspaceId);
    assert.equal((await availability(key)).available, false);
    await agent.client.put(`/api/v1/agents/${agent.id}/availability`, { status: "available" });

    const full = await w.admin.put(`/api/v1/chat/agents/${agent.id}/capacity`, { capacity: 0 });
    assert.equal(full.status, 200);
    const atCapacity = await availability(key);
    assert.equal(atCapacity.available, false, "online but no free place");
    assert.equal(atCapacity.agentsOnline, 1);
    await w.admin.put(`/api/v1/chat/agents/${agent.id}/capacity`, { capacity: 2 });
    assert.equal((await availability(key)).available, true);
    await goOffline(w, agent, ws);
    assert.equal((await availability(key)).available, false);
  });

  test("closed business hours: unavailable, with when the team is next at work", async () => {
    const agent = await agentWithCapacity(w, 2);
    await goOnline(w, agent);
    // Open only on a weekday other than today, so it is closed now whatever the time.
    const today = new Date().getUTCDay();
    const day = (today + 2) % 7;
    const hours = await w.admin.post("/api/v1/business-hours", {
      name: "Chat hours",
      timezone: "UTC",
      periods: [{ day, start: "09:00", end: "17:00" }],
    });
    assert.equal(hours.status, 201, JSON.stringify(hours.body));
    const key = await ensureWidget(w, { calendarId: hours.body.id });
    forgetAvailability(w.workspaceId);
    const closed = await availability(key);
    assert.equal(closed.available, false);
    assert.ok(closed.nextAvailableAt, "says when someone will reply");
    const next = new Date(closed.nextAvailableAt as string);
    assert.equal(next.getUTCDay(), day);
    assert.equal(next.getUTCHours(), 9);
    assert.ok(next.getTime() > Date.now());

    await ensureWidget(w, { calendarId: null });
    forgetAvailability(w.workspaceId);
    assert.equal((await availability(key)).available, true, "no calendar: always open");
  });

  test("the widget's team outside its own hours: unavailable until the team's next opening", async () => {
    const agent = await agentWithCapacity(w, 2);
    const teamId = await newTeam(w, "Night desk", [agent]);
    await goOnline(w, agent);
    const day = (new Date().getUTCDay() + 3) % 7;
    const hours = await w.admin.post("/api/v1/business-hours", {
      name: "Night desk hours",
      teamId,
      timezone: "UTC",
      periods: [{ day, start: "10:00", end: "12:00" }],
    });
    assert.equal(hours.status, 201, JSON.stringify(hours.body));
    const key = await ensureWidget(w, { teamId });
    forgetAvailability(w.workspaceId);
    const res = await availability(key);
    assert.equal(res.available, false, "connected, but outside their hours");
    const next = new Date(res.nextAvailableAt as string);
    assert.deepEqual([next.getUTCDay(), next.getUTCHours()], [day, 10]);
  });

  test("an agent connected to another app process counts as online here (presence is in the database)", async () => {
    const agent = await agentWithCapacity(w, 1);
    const teamId = await newTeam(w, "Second process desk", [agent]);
    const key = await ensureWidget(w, { teamId });
    forgetAvailability(w.workspaceId);
    assert.equal((await availability(key)).available, false);
    const other = await startTestServer({ databaseUrl: w.server.databaseUrl, role: "web" });
    try {
      const ws = await goOnline({ ...w, server: other }, agent);
      // Asked of the first process, which never saw the socket (its cache forgets within seconds).
      forgetAvailability(w.workspaceId);
      const open = await availability(key);
      assert.equal(open.available, true);
      assert.equal(open.agentsOnline, 1);
      ws.close();
    } finally {
      await other.close();
    }
  });

  test("the expected wait is the median first reply of recent answered chats, unanswered ones left out", async () => {
    const agent = await agentWithCapacity(w, 5);
    const teamId = await newTeam(w, "Waiting-time desk", [agent]);
    const key = await ensureWidget(w, { teamId });
    const widget = { key } as Widget;
    const ws = await goOnline(w, agent);
    forgetAvailability(w.workspaceId);
    assert.equal((await availability(key)).expectedWaitSeconds, null, "no answered chat yet: no guess");

    const chats = [];
    for (const text of ["Pairing fails", "No sound", "Firmware stuck", "Still waiting"]) {
      const visitor = await visitorSession(new TestClient(w.server.url, { origin: null }), widget);
      chats.push((await startChat(w.server, visitor, { text })).caseId);
    }
    // Three are answered through the API, as an agent does; the fourth never is.
    for (const caseId of chats.slice(0, 3)) {
      const reply = await w.admin.post(`/api/v1/cases/${caseId}/messages`, { body: "Hi, I'm here." });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
    }
    // Their waits are set to 1, 4 and 150 minutes: the median is 4 minutes, where a mean
    // (about 52) would let one slow chat promise every visitor a long wait.
    const waits = [60, 240, 9000];
    for (const [i, seconds] of waits.entries()) {
      await w.server.runtime.ctx.pool.query(
        `update chat_conversations
            set started_at = now() - interval '3 hours' + make_interval(mins => $2::int),
                first_reply_at = now() - interval '3 hours' + make_interval(mins => $2::int, secs => $3::int)
          where case_id = $1 and first_reply_at is not null`,
        [chats[i], i, seconds],
      );
    }
    forgetAvailability(w.workspaceId);
    const open = await availability(key);
    assert.equal(open.available, true);
    assert.equal(open.expectedWaitSeconds, 240);
    await goOffline(w, agent, ws);
  });

  test("an unknown or malformed key: 404 and 400 naming key", async () => {
    const unknown = await anon.get("/api/v1/widget/availability?key=pk_0000000000000000000000");
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.field, "key");
    const bad = await anon.get("/api/v1/widget/availability?key=nope");
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, "key");
  });
});
