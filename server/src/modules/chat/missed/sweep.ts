import { sql } from "kysely";
import type { AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { forWorkspace } from "../../../platform/jobs/fenced-jobs.ts";
import { ONLINE_WINDOW_MS } from "../presence/online.ts";
import { offerQueuedChats, requeueOrphanedChats } from "../presence/requeue.ts";
import { markMissedChats } from "./mark-missed.ts";

type Ctx = Pick<AppContext, "db"> & Partial<Pick<AppContext, "boss">>;

/** Presence rows this old belong to sockets of a process that died (live ones beat every minute). */
const STALE_PRESENCE_MS = 10 * 60_000;

/**
 * The chat sweep (pg-boss schedule "chat.sweep", every minute): per workspace with open chats,
 * chats whose agent went offline go back to the queue and queued chats go to agents who are
 * free (presence/requeue.ts); then unanswered chats past the widget's wait are marked missed
 * (mark-missed.ts). One transaction per workspace, so one workspace's trouble never holds
 * back another's; stale presence rows of dead processes are deleted last.
 */
export async function sweepChats(ctx: Ctx, now = new Date()) {
  const result = { requeued: 0, offered: 0, missed: 0 };
  const { rows } = await sql<{ workspaceId: string }>`
    select distinct cc.workspace_id as "workspaceId" from chat_conversations cc
     where cc.status in ('waiting', 'active') and cc.ended_at is null`.execute(ctx.db);
  for (const { workspaceId } of rows) {
    await forWorkspace(workspaceId, () =>
      inTransaction(ctx.db, async (tx) => {
        const scope = new TenantScope(tx, workspaceId);
        result.requeued += await requeueOrphanedChats(scope, now);
        result.offered += await offerQueuedChats(scope, now);
      }),
    );
  }
  result.missed = await inTransaction(ctx.db, (tx) => markMissedChats(tx, ctx.boss, now));
  const stale = new Date(now.getTime() - Math.max(STALE_PRESENCE_MS, ONLINE_WINDOW_MS));
  await ctx.db.deleteFrom("staff_presence").where("last_seen_at", "<", stale).execute();
  return result;
}
