import { sql } from "kysely";
import type { AppContext } from "../../../platform/context.ts";
import type { Executor } from "../../../platform/db/tenant.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { publish } from "../../../platform/realtime/publish.ts";
import { appendEvent } from "../../timeline/timeline.ts";
import { emitWebhookEvent } from "../../webhooks/webhooks.service.ts";
import { isVisitorOnline, lastSeenForConversation } from "../visitor-presence.ts";

type Missed = {
  workspaceId: string;
  conversationId: string;
  caseId: string;
  customerId: string;
  status: "waiting" | "active" | "offline" | "ended";
  waitedSeconds: number;
  visitorId: string;
};

/**
 * Chats no agent answered within the widget's `missed_after_seconds` are marked missed: once
 * (missed_at is set here and is what the next sweep filters on; rows another sweep holds are
 * skipped), with a `chat.missed` timeline event, the `chat.missed` webhook and a notice to the
 * inbox, all in the caller's transaction, so a retried sweep announces nothing twice.
 * The chat itself stays where it is: missed is a fact about the wait, not an end.
 */
export async function markMissedChats(
  tx: Executor,
  boss: AppContext["boss"] | undefined,
  now: Date,
): Promise<number> {
  const { rows } = await sql<Missed>`
    with late as (
      select cc.id from chat_conversations cc
        left join chat_widgets w on w.workspace_id = cc.workspace_id
       where cc.first_reply_at is null and cc.missed_at is null
         and cc.started_at + make_interval(secs => coalesce(w.missed_after_seconds, 120)) <= ${now}
         -- A visitor who ended the chat before the wait was up abandoned it; nobody missed it.
         and (cc.ended_at is null
              or cc.ended_at >= cc.started_at + make_interval(secs => coalesce(w.missed_after_seconds, 120)))
         -- Bounded, so abandoned chats (never marked) do not make each sweep slower.
         and cc.started_at > ${now}::timestamptz - interval '7 days'
       order by cc.started_at
       limit 500
       for no key update of cc skip locked)
    update chat_conversations cc set missed_at = ${now}
      from late, cases k
     where cc.id = late.id and k.id = cc.case_id
    returning cc.workspace_id as "workspaceId", cc.id as "conversationId", k.id as "caseId",
              k.customer_id as "customerId", cc.status,
              floor(extract(epoch from (${now}::timestamptz - cc.started_at)))::int as "waitedSeconds", cc.visitor_id as "visitorId"`.execute(
    tx,
  );
  for (const m of rows) {
    const scope = new TenantScope(tx, m.workspaceId);
    await appendEvent(scope, {
      customerId: m.customerId,
      caseId: m.caseId,
      kind: "chat.missed",
      data: { conversationId: m.conversationId, waitedSeconds: m.waitedSeconds },
      doer: { userId: null, name: "Chat" },
    });
    await emitWebhookEvent(scope, boss, "chat.missed", {
      caseId: m.caseId,
      conversationId: m.conversationId,
      waitedSeconds: m.waitedSeconds,
    });
    await publish(tx, {
      workspaceId: m.workspaceId,
      audience: { kind: "staff" },
      event: {
        type: "chat.status",
        caseId: m.caseId,
        status: m.status,
        visitorOnline: isVisitorOnline(await lastSeenForConversation(scope, m.visitorId), now.getTime()),
        change: "missed",
      },
    });
  }
  return rows.length;
}
