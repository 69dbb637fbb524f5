import { sql } from "kysely";
import type { CommunitySettings } from "../../../../../contracts/community-reputation.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { record } from "./ledger.ts";

/**
 * Accepted-answer streaks. The rule: a member is on a streak while each consecutive UTC day,
 * up to today, has at least one of their answers accepted (counted by `accepted_at`, answers
 * still accepted). Each time the streak reaches a multiple of `streakDays` (7, 14, 21… by
 * default) they earn `points.streakBonus` once, keyed by the streak's first day and the
 * multiple. A later un-accept does not take a streak bonus back.
 */
export async function checkAcceptedStreak(
  scope: TenantScope,
  settings: CommunitySettings,
  memberId: string,
): Promise<void> {
  if (settings.points.streakBonus === 0) return;
  const { rows } = await sql<{ day: string }>`
    select distinct to_char(p.accepted_at at time zone 'UTC', 'YYYY-MM-DD') as day
    from community_posts p
    where p.workspace_id = ${scope.workspaceId} and p.author_member_id = ${memberId}
      and p.kind = 'answer' and p.accepted and p.deleted_at is null
      and p.accepted_at >= now() - make_interval(days => ${settings.streakDays * 53})
  `.execute(scope.db);
  const today = (
    await sql<{ d: string }>`select to_char(now() at time zone 'UTC', 'YYYY-MM-DD') as d`.execute(scope.db)
  ).rows[0]?.d as string;
  const run = streakEndingOn(
    rows.map((r) => r.day),
    today,
  );
  if (run.length === 0 || run.length % settings.streakDays !== 0) return;
  await record(scope, settings, {
    memberId,
    kind: "streakBonus",
    points: settings.points.streakBonus,
    sourceKey: `streak:${memberId}:${run.start}:${run.length / settings.streakDays}`,
  });
}

/** The run of consecutive days (YYYY-MM-DD, UTC) that ends on `today`; empty if today is not among them. */
export function streakEndingOn(days: string[], today: string): { start: string; length: number } {
  const set = new Set(days);
  let length = 0;
  let cursor = Date.parse(`${today}T00:00:00Z`);
  while (set.has(new Date(cursor).toISOString().slice(0, 10))) {
    length++;
    cursor -= 86_400_000;
  }
  return { start: new Date(cursor + 86_400_000).toISOString().slice(0, 10), length };
}
