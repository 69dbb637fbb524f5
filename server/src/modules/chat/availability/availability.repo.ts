import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";

/** How many recent answered chats the expected wait is the median of. */
export const WAIT_SAMPLE = 20;
/** The expected wait is never said to be longer than this (a few very slow chats skew it). */
export const MAX_EXPECTED_WAIT_SECONDS = 3600;

export async function widgetCalendar(scope: TenantScope, calendarId: string) {
  return scope
    .selectFrom("business_calendars")
    .select(["timezone", "periods", "holidays"])
    .where("id", "=", calendarId)
    .executeTakeFirst();
}

/** Median seconds to the first agent reply over the last WAIT_SAMPLE answered chats; null without any. */
export async function medianFirstReplySeconds(scope: TenantScope): Promise<number | null> {
  const { rows } = await sql<{ median: number | null }>`
    select percentile_cont(0.5) within group (order by w) as median
      from (select extract(epoch from (first_reply_at - started_at)) as w
              from chat_conversations
             where workspace_id = ${scope.workspaceId}::uuid and first_reply_at is not null
             order by started_at desc
             limit ${WAIT_SAMPLE}) recent`.execute(scope.db);
  const m = rows[0]?.median;
  return m === null || m === undefined
    ? null
    : Math.min(MAX_EXPECTED_WAIT_SECONDS, Math.max(0, Math.round(m)));
}
