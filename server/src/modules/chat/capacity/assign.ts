import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { publish } from "../../../platform/realtime/publish.ts";
import { appendEvent } from "../../timeline/timeline.ts";
import { forgetAvailability } from "../availability/availability-cache.ts";
import type { ChatStarted } from "../chat-hooks.ts";
import { chatAgentOf } from "../conversation.service.ts";
import { hasFreeChatPlace, isOnlineForChat } from "../presence/online.ts";
import { publishToVisitor } from "../visitor-sockets.ts";
import { type ChatAgentRow, listChatAgents, teamCalendars } from "./chat-agents.repo.ts";

const doer = { userId: null, name: "Chat assignment" };

/**
 * Waits (inside the caller's transaction) for any other chat assignment in the workspace, so
 * two chats starting at once cannot both take an agent's last free place. Released at commit.
 * Per workspace because a chat without a team may go to anyone.
 */
export async function lockChatAssignment(scope: TenantScope) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`chat-assign:${scope.workspaceId}`}, 0))`.execute(
    scope.db,
  );
}

/** The online agent (of the team, when there is one) with a free chat place and the fewest chats. */
export async function pickChatAgent(
  scope: TenantScope,
  teamId: string | null,
  now = new Date(),
): Promise<ChatAgentRow | null> {
  const [agents, calendars] = await Promise.all([listChatAgents(scope, { teamId }), teamCalendars(scope)]);
  const free = agents.filter((a) => isOnlineForChat(a, calendars, now) && hasFreeChatPlace(a));
  free.sort((a, b) => a.active - b.active || a.id.localeCompare(b.id));
  return free[0] ?? null;
}

/**
 * Gives an unassigned chat's case to `agent` in the caller's transaction: the assignee, a
 * `case.assigned` event and the inbox notice. Only when the case is still unassigned, so a
 * person's own assignment meanwhile is never overwritten.
 */
export async function giveChatTo(
  scope: TenantScope,
  chat: { conversationId: string; caseId: string; customerId: string },
  agent: Pick<ChatAgentRow, "id" | "name">,
): Promise<boolean> {
  const done = await scope
    .updateTable("cases")
    .set({ assignee_id: agent.id, last_activity_at: new Date() })
    .where("id", "=", chat.caseId)
    .where("assignee_id", "is", null)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) return false;
  await appendEvent(scope, {
    customerId: chat.customerId,
    caseId: chat.caseId,
    kind: "case.assigned",
    data: { from: null, to: agent.id, toName: agent.name },
    doer,
  });
  await publish(scope.db, {
    workspaceId: scope.workspaceId,
    audience: { kind: "staff" },
    event: { type: "case.updated", caseId: chat.caseId, customerId: chat.customerId },
  });
  // The visitor (on every device of theirs) sees who has their chat, with a name and a face.
  const conv = await scope
    .selectFrom("chat_conversations")
    .select(["visitor_id", "status"])
    .where("id", "=", chat.conversationId)
    .executeTakeFirst();
  if (conv) {
    await publishToVisitor(scope, conv.visitor_id, {
      type: "status",
      conversationId: chat.conversationId,
      status: conv.status,
      agent: (await chatAgentOf(scope, chat.caseId)) ?? { name: agent.name, photoUrl: null },
    });
  }
  forgetAvailability(scope.workspaceId);
  return true;
}

/**
 * The `onChatStarted` listener: when routing left the new chat unassigned, the online agent
 * with a free place and the fewest chats takes it; nobody free leaves it in the team's queue
 * (the sweep offers it again as agents come online or free up).
 */
export async function assignStartedChat(event: ChatStarted): Promise<void> {
  if (event.assigneeId) return;
  await lockChatAssignment(event.scope);
  const agent = await pickChatAgent(event.scope, event.teamId);
  if (agent) await giveChatTo(event.scope, event, agent);
}
