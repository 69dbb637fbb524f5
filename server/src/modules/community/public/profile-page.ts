import type { CommunityProfileView } from "../../../../../contracts/community-pages.ts";
import { findMemberProfile, memberBadges, memberCounts, memberRecentAnswers } from "./pages.repo.ts";
import { iso, memberRef, topicHref } from "./views.ts";
import type { CommunityVisitor } from "./visitor.ts";

/**
 * A member's public profile: display name, avatar, bio, MVP term, reputation, badges, and their
 * answers, counted and listed only where the visitor may read them (an answer in an MVP-only
 * category does not show, not even as a number, to a stranger).
 */
export async function loadProfile(
  v: CommunityVisitor,
  memberId: string,
): Promise<CommunityProfileView | null> {
  const [m, badges, counts, recent] = await Promise.all([
    findMemberProfile(v.scope, memberId),
    memberBadges(v.scope, memberId),
    memberCounts(v.scope, memberId, v.visibilities),
    memberRecentAnswers(v.scope, memberId, v.visibilities),
  ]);
  if (!m) return null;
  return {
    member: {
      ...memberRef({ ...m, isMvp: m.mvpUntil !== null }),
      bio: m.bio,
      mvpUntil: m.mvpUntil ? iso(m.mvpUntil) : null,
      joinedAt: iso(m.joinedAt),
    },
    badges: badges.map((b) => ({ slug: b.slug, name: b.name, tier: b.tier, awardedAt: iso(b.awardedAt) })),
    counts,
    recentAnswers: recent.map((r) => ({
      topicTitle: r.title,
      href: topicHref(r.number, r.slug),
      accepted: r.accepted,
      score: r.score,
      createdAt: iso(r.createdAt),
    })),
  };
}
