import { sql } from "kysely";
import type { CommunitySettings } from "../../../../../contracts/community-reputation.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";

/**
 * The points ledger. Every change to a member's reputation is one row of
 * `community_reputation_events` with a source key unique in the workspace, so a repeated event
 * or a retried job never counts twice; a reversal is a row of its own with its own key.
 * In the same transaction the member's `reputation` and their leaderboard rows
 * (`community_reputation_periods`: this week, this month, all time; per category and overall)
 * move by the same points.
 */

export type LedgerEntry = {
  memberId: string;
  kind: string;
  points: number;
  sourceKey: string;
  postId?: string | null;
  categoryId?: string | null;
};

export const REVERSED = "reversed";

/**
 * Locks the member rows an event will credit or debit, all at once and in id order. `record`
 * locks each member as it writes, so an event that touches two members (an answer's author and
 * its acceptor) would otherwise lock them in its own order, and two such events with the roles
 * swapped deadlocked (seen in CI, 2026-11-28). Called before the first write; the later
 * per-row locks are then already held.
 *
 * The lock is FOR NO KEY UPDATE, not FOR UPDATE: an acceptance has already written rows that
 * point at its members (the key-share locks of their foreign keys) before this runs, and FOR
 * UPDATE waits on those, so two crossed acceptances still deadlocked now and then (1 run in 4
 * under load). NO KEY UPDATE still serialises the member's gains, and ignores key-share locks.
 */
export async function lockMembers(scope: TenantScope, memberIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(memberIds)].sort();
  if (ids.length < 2) return;
  await scope
    .selectFrom("community_members")
    .select("id")
    .where("id", "in", ids)
    .orderBy("id")
    .forNoKeyUpdate()
    .execute();
}

/**
 * Writes one ledger row unless its key was already written. Gains are capped per member per
 * UTC day (`dailyCap`; losses and reversals never are): a gain over the cap is recorded with the points that
 * still fit, possibly 0, so the ledger shows what happened. Returns the points applied, or
 * null when the key existed.
 */
export async function record(
  scope: TenantScope,
  settings: CommunitySettings,
  entry: LedgerEntry,
): Promise<number | null> {
  // The member row lock serialises concurrent gains, so two of them cannot both fit the cap.
  await scope
    .selectFrom("community_members")
    .select("id")
    .where("id", "=", entry.memberId)
    .forNoKeyUpdate()
    .executeTakeFirst();
  let points = entry.points;
  // A reversal gives back what an earlier row took or gave; it is not a gain.
  if (points > 0 && entry.kind !== REVERSED && settings.dailyCap > 0) {
    points = Math.max(0, Math.min(points, settings.dailyCap - (await gainedToday(scope, entry.memberId))));
  }
  const inserted = await scope
    .insertInto("community_reputation_events", {
      member_id: entry.memberId,
      kind: entry.kind,
      points,
      source_key: entry.sourceKey,
      post_id: entry.postId ?? null,
      category_id: entry.categoryId ?? null,
    })
    .onConflict((oc) => oc.columns(["workspace_id", "source_key"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!inserted) return null;
  if (points !== 0) {
    await scope
      .updateTable("community_members")
      .set({ reputation: sql`reputation + ${points}`, updated_at: new Date() })
      .where("id", "=", entry.memberId)
      .execute();
    await addToPeriods(scope, entry.memberId, entry.categoryId ?? null, points);
  }
  return points;
}

/** Points gained (not given back by a reversal) since the start of today, UTC. */
export async function gainedToday(scope: TenantScope, memberId: string): Promise<number> {
  const row = await scope
    .selectFrom("community_reputation_events")
    .select(sql<number>`coalesce(sum(points), 0)::int`.as("gained"))
    .where("member_id", "=", memberId)
    .where("points", ">", 0)
    .where("kind", "!=", REVERSED)
    .where("created_at", ">=", sql<Date>`date_trunc('day', now(), 'UTC')`)
    .executeTakeFirst();
  return row?.gained ?? 0;
}

/**
 * This week's, this month's and the all-time row of the member, in the category and overall.
 * The overall all-time board reads `community_members.reputation`, so it has no row here.
 */
async function addToPeriods(scope: TenantScope, memberId: string, categoryId: string | null, points: number) {
  const rows = periodRows(categoryId);
  await sql`
    insert into community_reputation_periods (workspace_id, period, starts_on, category_id, member_id, points)
    select ${scope.workspaceId}::uuid, p.period, p.starts_on, p.category_id, ${memberId}::uuid, ${points}::int
    from (values ${sql.join(rows.map(([period, cat]) => sql`(${period}, ${startOf(period)}, ${cat}::uuid)`))})
      as p (period, starts_on, category_id)
    on conflict (workspace_id, period, starts_on, category_id, member_id)
    do update set points = community_reputation_periods.points + excluded.points
  `.execute(scope.db);
}

function periodRows(categoryId: string | null): Array<["week" | "month" | "all", string | null]> {
  const rows: Array<["week" | "month" | "all", string | null]> = [
    ["week", null],
    ["month", null],
  ];
  if (categoryId) rows.push(["week", categoryId], ["month", categoryId], ["all", categoryId]);
  return rows;
}

/** The first day of the period that contains now (the transaction's time), in UTC. */
export function startOf(period: "week" | "month" | "all") {
  if (period === "all") return sql`date '1970-01-01'`;
  return sql`date_trunc(${period}, now(), 'UTC')::date`;
}

/**
 * Sets a contribution that is either on or off (one member's vote on a post, an acceptance)
 * to `next`. Its rows share the key prefix `slot` and are numbered `slot:0`, `slot:1`, …
 * Turning it off or changing it first reverses what the earlier rows actually granted
 * (after the cap), each member's net with its own key; then `next` is recorded. Asking for
 * the state it is already in does nothing, so repeating an event is harmless.
 */
export async function setContribution(
  scope: TenantScope,
  settings: CommunitySettings,
  slot: { key: string; postId: string; categoryId: string | null },
  next: { memberId: string; kind: string; points: number } | null,
): Promise<void> {
  const rows = await scope
    .selectFrom("community_reputation_events")
    .select(["member_id", "kind", "points", "source_key"])
    .where("post_id", "=", slot.postId)
    .where("source_key", "like", `${slot.key}:%`)
    .execute();
  rows.sort((a, b) => seq(a.source_key) - seq(b.source_key));
  const last = rows.at(-1);
  const live = last && last.kind !== REVERSED ? last : undefined;
  if (!live && !next) return;
  if (live && next && live.kind === next.kind && live.member_id === next.memberId) return;
  await lockMembers(scope, [...rows.map((r) => r.member_id), ...(next ? [next.memberId] : [])]);
  let n = rows.length === 0 ? 0 : seq((last as (typeof rows)[number]).source_key) + 1;
  const base = { postId: slot.postId, categoryId: slot.categoryId };
  if (live) {
    const net = new Map<string, number>();
    for (const r of rows) net.set(r.member_id, (net.get(r.member_id) ?? 0) + r.points);
    const owed = [...net].filter(([, p]) => p !== 0);
    // A contribution the cap reduced to 0 still gets a reversal row: it marks the slot off.
    if (owed.length === 0) owed.push([live.member_id, 0]);
    for (const [memberId, p] of owed) {
      await record(scope, settings, {
        ...base,
        memberId,
        kind: REVERSED,
        points: -p,
        sourceKey: `${slot.key}:${n++}`,
      });
    }
  }
  if (next) await record(scope, settings, { ...base, ...next, sourceKey: `${slot.key}:${n}` });
}

const seq = (key: string) => Number(key.slice(key.lastIndexOf(":") + 1));
