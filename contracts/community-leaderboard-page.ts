import type { LeaderboardPeriod } from "./community-pages.ts";

/**
 * The public leaderboard page's category filter (`/community/leaderboard?category=<slug>`):
 * public categories only, as plain links, so it works without JavaScript and no private
 * category's name reaches a public, indexable page.
 */
export type LeaderboardCategoryLink = { id: string; slug: string; name: string };

export type LeaderboardCategoryFilter = {
  /** Every public category, in the community's order. */
  categories: LeaderboardCategoryLink[];
  /** The category ranked, or null for the whole community. */
  category: LeaderboardCategoryLink | null;
};

/** The leaderboard page's address for a period and category (week and "all categories" are the defaults). */
export function leaderboardHref(period: LeaderboardPeriod, categorySlug: string | null): string {
  const q = new URLSearchParams();
  if (period !== "week") q.set("period", period);
  if (categorySlug) q.set("category", categorySlug);
  const s = q.toString();
  return `/community/leaderboard${s ? `?${s}` : ""}`;
}
