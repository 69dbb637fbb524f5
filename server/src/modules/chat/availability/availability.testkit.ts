import assert from "node:assert/strict";
import WebSocket from "ws";
import { widgetFor } from "../../../../test/chat-factory.ts";
import { setUpWorkspace } from "../../../../test/factories.ts";
import { eventually, startTestServer } from "../../../../test/harness.ts";
import { type Agent, newAgent, type RoutingWorld } from "../../routing/routing.testkit.ts";

/** A workspace with an admin, plus what chat availability tests need: agents online, a widget key. */
export type ChatWorld = RoutingWorld & { workspaceId: string; sockets: WebSocket[] };

export async function startChatWorld(): Promise<ChatWorld> {
  const server = await startTestServer();
  const { admin, workspaceId } = await setUpWorkspace(server);
  return { server, admin, workspaceId, sockets: [] };
}

export async function closeChatWorld(w: ChatWorld) {
  for (const s of w.sockets) s.terminate();
  await w.server.close();
}

/** The agent opens the staff realtime socket, as the agent app does; resolves once counted online. */
export async function goOnline(w: ChatWorld, agent: Agent): Promise<WebSocket> {
  const token = agent.client.token as string;
  const ws = new WebSocket(`${w.server.url.replace("http", "ws")}/api/v1/realtime`, {
    headers: { authorization: `Bearer ${token}` },
  });
  w.sockets.push(ws);
  await new Promise<void>((resolve, reject) => {
    ws.once("message", () => resolve());
    ws.once("error", reject);
  });
  await eventually(async () => {
    const res = await w.admin.get("/api/v1/chat/agents");
    return res.body.items?.find(
      (a: { id: string; lastSeenAt: string | null }) => a.id === agent.id && a.lastSeenAt,
    )
      ? true
      : undefined;
  });
  return ws;
}

/** Closes the agent's socket and waits until their presence row is gone. */
export async function goOffline(w: ChatWorld, agent: Agent, ws: WebSocket) {
  ws.close();
  await eventually(async () => {
    const res = await w.admin.get("/api/v1/chat/agents");
    return res.body.items?.find(
      (a: { id: string; lastSeenAt: string | null }) => a.id === agent.id && !a.lastSeenAt,
    )
      ? true
      : undefined;
  });
}

export async function agentWithCapacity(w: ChatWorld, capacity: number): Promise<Agent> {
  const agent = await newAgent(w);
  const res = await w.admin.put(`/api/v1/chat/agents/${agent.id}/capacity`, { capacity });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return agent;
}

/** The workspace's widget through its settings API (chat-factory), pointed at a team and hours. */
export async function ensureWidget(
  w: ChatWorld,
  set: { teamId?: string | null; calendarId?: string | null; missedAfterSeconds?: number } = {},
): Promise<string> {
  const widget = await widgetFor(w.server, w.admin, {
    teamId: set.teamId ?? null,
    businessCalendarId: set.calendarId ?? null,
    missedAfterSeconds: set.missedAfterSeconds ?? 120,
  });
  return widget.key;
}
