import {
  type LeaderboardCategoryLink,
  leaderboardHref,
} from "../../../../../contracts/community-leaderboard-page.ts";
import type { CommunityLeaderRow, LeaderboardPeriod } from "../../../../../contracts/community-pages.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { leaderboard } from "./leaderboard.ts";

export { leaderboardHref };

const PERIODS: LeaderboardPeriod[] = ["week", "month", "all"];
const LIMIT = 50;

/**
 * What `/community/leaderboard?period=&category=` shows: the same board as
 * `GET /api/v1/community/leaderboard` (calendar periods, competition ranking, staff not ranked),
 * overall or for one category, and the public categories to choose from. The page is public and
 * indexable, so only `public` categories are listed or accepted, whoever reads it: a
 * `?category=` naming any other category, or none, is null (the page's 404), never a hint that
 * it exists.
 */
export async function leaderboardPage(scope: TenantScope, params: URLSearchParams) {
  const asked = params.get("period");
  const period = PERIODS.find((p) => p === asked) ?? "week";
  const categories: LeaderboardCategoryLink[] = await scope
    .selectFrom("community_categories")
    .select(["id", "slug", "name"])
    .where("visibility", "=", "public")
    .orderBy("position")
    .orderBy("name")
    .execute();
  const wanted = params.get("category");
  const category = wanted ? categories.find((c) => c.slug === wanted || c.id === wanted) : null;
  if (category === undefined) return null;
  const board = await leaderboard(scope, { period, categoryId: category?.id ?? null, limit: LIMIT });
  const rows: CommunityLeaderRow[] = board.items.map((i) => ({
    rank: i.rank,
    points: i.points,
    member: {
      id: i.member.id,
      displayName: i.member.displayName,
      avatarUrl: i.member.avatarUrl,
      isStaff: i.member.isStaff,
      isMvp: i.member.isMvp,
      reputation: i.member.reputation,
    },
  }));
  // Members tied on points share a rank; on the page they read alphabetically within it (the
  // API orders ties by member id, which is stable for paging but means nothing to a reader).
  rows.sort((a, b) => a.rank - b.rank || a.member.displayName.localeCompare(b.member.displayName));
  return { period, category, categories, rows, canonical: leaderboardHref(period, category?.slug ?? null) };
}
