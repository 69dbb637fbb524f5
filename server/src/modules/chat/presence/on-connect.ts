import { sql } from "kysely";
import type { Db } from "../../../platform/db/pool.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { offerQueuedChats } from "./requeue.ts";

/**
 * An agent just connected: chats waiting in a queue with nobody on them are offered now rather
 * than at the next minute's sweep. One indexed probe when nothing waits (the usual case), so a
 * staff socket's connect stays cheap.
 */
export async function offerWaitingChatsOnConnect(db: Db, workspaceId: string): Promise<void> {
  const { rows } = await sql<{ waiting: boolean }>`
    select exists (
      select 1 from chat_conversations cc join cases k on k.id = cc.case_id
       where cc.workspace_id = ${workspaceId}::uuid and cc.status = 'waiting' and k.assignee_id is null
         and k.status not in ('solved', 'closed')) as waiting`.execute(db);
  if (!rows[0]?.waiting) return;
  await inTransaction(db, (tx) => offerQueuedChats(new TenantScope(tx, workspaceId), new Date()));
}
