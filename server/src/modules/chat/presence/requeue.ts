import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { publish } from "../../../platform/realtime/publish.ts";
import { appendEvent } from "../../timeline/timeline.ts";
import { giveChatTo, lockChatAssignment, pickChatAgent } from "../capacity/assign.ts";
import { isVisitorOnline, lastSeenForConversation } from "../visitor-presence.ts";
import { publishToVisitor } from "../visitor-sockets.ts";
import { ONLINE_WINDOW_MS } from "./online.ts";

type Orphan = {
  conversationId: string;
  caseId: string;
  customerId: string;
  teamId: string | null;
  status: "waiting" | "active";
  fromId: string;
  fromName: string | null;
  visitorId: string;
};

/**
 * A chat never disappears because its agent went offline: waiting or active chats whose
 * assignee has no staff socket seen within two minutes go back to the team's queue (assignee
 * cleared, team kept), with a `chat.requeued` event, the inbox and the visitor told, and are
 * offered at once to another online agent with a free place. "Away" or out of hours while
 * still connected keeps the chats in hand: that stops new chats, it does not drop live ones.
 * Rows are locked skip-locked, so overlapping sweeps never re-queue one chat twice.
 */
export async function requeueOrphanedChats(scope: TenantScope, now: Date): Promise<number> {
  const since = new Date(now.getTime() - ONLINE_WINDOW_MS);
  const { rows } = await sql<Orphan>`
    with orphaned as (
      select k.id from chat_conversations cc
        join cases k on k.id = cc.case_id
       where cc.workspace_id = ${scope.workspaceId}::uuid and k.workspace_id = ${scope.workspaceId}::uuid
         and cc.status in ('waiting', 'active') and k.status not in ('solved', 'closed')
         and k.assignee_id is not null
         and not exists (select 1 from staff_presence p
                          where p.workspace_id = ${scope.workspaceId}::uuid and p.membership_id = k.assignee_id
                            and p.last_seen_at > ${since})
       for no key update of k skip locked),
    before as (
      select k.id, k.assignee_id from cases k join orphaned o on o.id = k.id)
    update cases k set assignee_id = null, last_activity_at = ${now}
      from before b
      join chat_conversations cc on cc.case_id = b.id
      left join memberships m on m.id = b.assignee_id
      left join auth."user" u on u.id = m.user_id
     where k.id = b.id
    returning cc.id as "conversationId", k.id as "caseId", k.customer_id as "customerId", k.team_id as "teamId",
              cc.status, cc.visitor_id as "visitorId", b.assignee_id as "fromId", u.name as "fromName"`.execute(
    scope.db,
  );
  if (rows.length === 0) return 0;
  await lockChatAssignment(scope);
  for (const r of rows) {
    await appendEvent(scope, {
      customerId: r.customerId,
      caseId: r.caseId,
      kind: "chat.requeued",
      data: { conversationId: r.conversationId, fromId: r.fromId, fromName: r.fromName },
      doer: { userId: null, name: "Chat assignment" },
    });
    await publish(scope.db, {
      workspaceId: scope.workspaceId,
      audience: { kind: "staff" },
      event: {
        type: "chat.status",
        caseId: r.caseId,
        status: r.status,
        visitorOnline: isVisitorOnline(await lastSeenForConversation(scope, r.visitorId), now.getTime()),
        change: "transferred",
      },
    });
    const next = await pickChatAgent(scope, r.teamId, now);
    if (next && (await giveChatTo(scope, r, next))) continue;
    // Nobody free: it waits in the team's queue, and the visitor is told no one has it yet.
    await publish(scope.db, {
      workspaceId: scope.workspaceId,
      audience: { kind: "staff" },
      event: { type: "case.updated", caseId: r.caseId, customerId: r.customerId },
    });
    await publishToVisitor(scope, r.visitorId, {
      type: "status",
      conversationId: r.conversationId,
      status: r.status,
      agent: null,
    });
  }
  return rows.length;
}

/**
 * Chats still waiting in a queue with nobody on them (no one was free when they started, or
 * their agent left) go to an online agent with a free place, oldest first.
 */
export async function offerQueuedChats(scope: TenantScope, now: Date): Promise<number> {
  const { rows: queued } = await sql<{
    conversationId: string;
    caseId: string;
    customerId: string;
    teamId: string | null;
  }>`
    select cc.id as "conversationId", k.id as "caseId", k.customer_id as "customerId", k.team_id as "teamId"
      from chat_conversations cc join cases k on k.id = cc.case_id
     where cc.workspace_id = ${scope.workspaceId}::uuid and k.workspace_id = ${scope.workspaceId}::uuid
       and cc.status = 'waiting' and k.assignee_id is null and k.status not in ('solved', 'closed')
     order by cc.started_at
     limit 200`.execute(scope.db);
  if (queued.length === 0) return 0;
  await lockChatAssignment(scope);
  let given = 0;
  for (const q of queued) {
    const agent = await pickChatAgent(scope, q.teamId, now);
    if (agent && (await giveChatTo(scope, q, agent))) given++;
  }
  return given;
}
