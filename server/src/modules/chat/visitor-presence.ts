import { sql } from "kysely";
import type { TenantScope } from "../../platform/db/tenant.ts";

/**
 * "Visitor online" must hold across app processes, so it is not a socket count in one
 * process's memory: an open widget pings every ~25 s and the socket writes `last_seen_at`
 * (at most every THROTTLE_MS per visitor), and a visitor is online when seen within 60 s.
 */
export const ONLINE_WINDOW_MS = 60_000;
const THROTTLE_MS = 20_000;

export function isVisitorOnline(lastSeenAt: Date | string | null | undefined, now = Date.now()): boolean {
  if (!lastSeenAt) return false;
  return now - new Date(lastSeenAt).getTime() < ONLINE_WINDOW_MS;
}

/** When this process last wrote each visitor's last_seen_at; forgotten when it grows large. */
const lastWritten = new Map<string, number>();

/** Records that the visitor is here, writing at most once per THROTTLE_MS from this process. */
export async function touchVisitor(scope: TenantScope, visitorId: string, now = Date.now()): Promise<void> {
  if (now - (lastWritten.get(visitorId) ?? 0) < THROTTLE_MS) return;
  lastWritten.set(visitorId, now);
  if (lastWritten.size > 50_000) lastWritten.clear();
  await scope
    .updateTable("chat_visitors")
    .set({ last_seen_at: new Date(now) })
    .where("id", "=", visitorId)
    .execute();
}

/**
 * The last time anyone was seen on a conversation's visitor, or on another device of the same
 * verified user (the chat follows them), so a reply is not emailed while they read it elsewhere.
 */
export async function lastSeenForConversation(scope: TenantScope, visitorId: string): Promise<Date | null> {
  const { rows } = await sql<{ seen: Date | null }>`
    select max(o.last_seen_at) as seen from chat_visitors v
      join chat_visitors o on o.workspace_id = v.workspace_id
       and (o.id = v.id or (v.verified_user_id is not null and o.verified_user_id = v.verified_user_id))
     where v.workspace_id = ${scope.workspaceId}::uuid and v.id = ${visitorId}::uuid and o.ended_at is null`.execute(
    scope.db,
  );
  return rows[0]?.seen ?? null;
}

/** Every live visitor a conversation's frames go to: its own, and the same verified user's other devices. */
export async function visitorsOfConversation(scope: TenantScope, visitorId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select o.id from chat_visitors v
      join chat_visitors o on o.workspace_id = v.workspace_id
       and (o.id = v.id or (v.verified_user_id is not null and o.verified_user_id = v.verified_user_id))
     where v.workspace_id = ${scope.workspaceId}::uuid and v.id = ${visitorId}::uuid and o.ended_at is null`.execute(
    scope.db,
  );
  return rows.map((r) => r.id);
}
