import type { TenantScope } from "../../../platform/db/tenant.ts";
import { memberRefs } from "./member-refs.ts";
import { competitionRank } from "./ranking.ts";

/**
 * Leaderboards: this week (from Monday, UTC), this month (from the 1st) and all time, overall
 * or in one category. Each is an index scan in points order over the period's rows
 * (`community_reputation_periods`, kept in step with the ledger); the overall all-time board
 * scans `community_members` by reputation. Staff are left out: the boards celebrate customers
 * who help each other. Only members with points above zero are ranked.
 */
export type Period = "week" | "month" | "all";

export async function leaderboard(
  scope: TenantScope,
  q: { period: Period; categoryId: string | null; limit: number },
) {
  const top =
    q.period === "all" && !q.categoryId
      ? await scope
          .selectFrom("community_members")
          .select(["id as memberId", "reputation as points"])
          .where("reputation", ">", 0)
          .where("is_staff", "=", false)
          .orderBy("reputation", "desc")
          .orderBy("id")
          .limit(q.limit)
          .execute()
      : await scope
          .selectFrom("community_reputation_periods")
          .innerJoin("community_members", "community_members.id", "community_reputation_periods.member_id")
          .select([
            "community_reputation_periods.member_id as memberId",
            "community_reputation_periods.points as points",
          ])
          .where("community_reputation_periods.period", "=", q.period)
          .where("community_reputation_periods.starts_on", "=", periodStart(q.period, new Date()))
          // Two plain conditions (not "is not distinct from"), so the index serves both boards.
          .where((eb) =>
            q.categoryId
              ? eb("community_reputation_periods.category_id", "=", q.categoryId)
              : eb("community_reputation_periods.category_id", "is", null),
          )
          .where("community_reputation_periods.points", ">", 0)
          .where("community_members.is_staff", "=", false)
          .orderBy("community_reputation_periods.points", "desc")
          .orderBy("community_reputation_periods.member_id")
          .limit(q.limit)
          .execute();
  const refs = await memberRefs(
    scope,
    top.map((t) => t.memberId),
  );
  const since = q.period === "all" ? null : periodStart(q.period, new Date());
  return {
    period: q.period,
    categoryId: q.categoryId,
    since,
    items: competitionRank(top).map((t) => ({
      rank: t.rank,
      points: t.points,
      // biome-ignore lint/style/noNonNullAssertion: every ranked member was just read
      member: refs.get(t.memberId)!,
    })),
  };
}

/** The first day (YYYY-MM-DD, UTC) of the week (Monday) or month containing `now`. */
export function periodStart(period: Period, now: Date): string {
  if (period === "all") return "1970-01-01";
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (period === "month") d.setUTCDate(1);
  else d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}
