import { sql } from "kysely";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { ALWAYS_OPEN, type Calendar } from "../hours/calendar.ts";

/** SQL for honest expectations: the case, its team's calendar chain, and recent reply times. */

export async function caseForExpectation(scope: TenantScope, caseId: string) {
  return scope
    .selectFrom("cases")
    .select([
      "id",
      "customer_id as customerId",
      "team_id as teamId",
      "status",
      "created_at as createdAt",
      "first_replied_at as firstRepliedAt",
      "sla_first_reply_due_at as firstReplyDueAt",
    ])
    .where("id", "=", caseId)
    .executeTakeFirst();
}

export async function timezoneFact(scope: TenantScope, customerId: string): Promise<unknown> {
  const row = await scope
    .selectFrom("facts")
    .select("value")
    .where("customer_id", "=", customerId)
    .where("key", "=", "timezone")
    .where("superseded_at", "is", null)
    .executeTakeFirst();
  return row?.value;
}

/**
 * The team's calendar (else the workspace default) and then each follow-on calendar in turn,
 * stopping at a loop: follow-the-sun means whichever of them is on duty first can reply.
 * No calendar at all means the workspace keeps no hours: always open.
 */
export async function calendarChain(scope: TenantScope, teamId: string | null): Promise<Calendar[]> {
  const rows = await scope
    .selectFrom("business_calendars")
    .select(["id", "team_id as teamId", "timezone", "periods", "holidays", "follow_on_id as followOnId"])
    .execute();
  if (rows.length === 0) return [ALWAYS_OPEN];
  const byId = new Map(rows.map((r) => [r.id, r]));
  let at = rows.find((r) => teamId && r.teamId === teamId) ?? rows.find((r) => r.teamId === null);
  if (!at) return [ALWAYS_OPEN];
  const chain: Calendar[] = [];
  const seen = new Set<string>();
  while (at && !seen.has(at.id) && chain.length < 24) {
    seen.add(at.id);
    chain.push({ timezone: at.timezone, periods: at.periods, holidays: at.holidays });
    at = at.followOnId ? byId.get(at.followOnId) : undefined;
  }
  return chain;
}

/** Arrival and first reply of the team's last `limit` answered cases (workspace-wide if no team). */
export async function recentFirstReplies(
  scope: TenantScope,
  teamId: string | null,
  before: Date,
  limit: number,
) {
  // A case answered before the SLA part recorded first_replied_at still has its first reply message.
  const firstReply = sql<Date | null>`coalesce(cases.first_replied_at,
    (select min(m.created_at) from messages m where m.case_id = cases.id and m.kind = 'reply'))`;
  let q = scope
    .selectFrom("cases")
    .select(["created_at as createdAt", firstReply.as("repliedAt")])
    .where("created_at", "<", before)
    .where(firstReply, "is not", null)
    .orderBy("created_at", "desc")
    .limit(limit);
  if (teamId) q = q.where("team_id", "=", teamId);
  return (await q.execute()).filter((r): r is { createdAt: Date; repliedAt: Date } => r.repliedAt !== null);
}

/** Cases still waiting for their first reply that arrived before this one (the queue ahead). */
export async function queueAhead(scope: TenantScope, teamId: string | null, caseId: string, arrived: Date) {
  let q = scope
    .selectFrom("cases")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("status", "in", ["new", "open"])
    .where("first_replied_at", "is", null)
    .where("id", "!=", caseId)
    .where("created_at", "<=", arrived)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("messages as m")
            .select(sql`1`.as("one"))
            .whereRef("m.case_id", "=", "cases.id")
            .where("m.kind", "=", "reply"),
        ),
      ),
    );
  if (teamId) q = q.where("team_id", "=", teamId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** First replies given in [from, to): the team's recent pace. */
export async function firstRepliesBetween(scope: TenantScope, teamId: string | null, from: Date, to: Date) {
  let q = scope
    .selectFrom("cases")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("first_replied_at", ">=", from)
    .where("first_replied_at", "<", to);
  if (teamId) q = q.where("team_id", "=", teamId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
