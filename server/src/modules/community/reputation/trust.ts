import { sql } from "kysely";
import type { CommunitySettings } from "../../../../../contracts/community-reputation.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";

/**
 * Trust levels protect the community from new accounts without staff work: 0 new, 1 basic,
 * 2 member, 3 regular are earned from activity (posts, accepted answers, reputation, account
 * age; visits are not tracked), 4 leader is granted by staff only. Upheld flags against a
 * member's recent posts hold them at basic; a penalty (`penalty_until` in the future) holds
 * them at 0 and silences them until it ends.
 */

export type TrustSubject = {
  trustLevel: number;
  penaltyUntil?: Date | string | null;
  isStaff?: boolean;
};

export type Activity = {
  posts: number;
  acceptedAnswers: number;
  reputation: number;
  accountDays: number;
  flagsAgainst: number;
};

export type Privileges = {
  canPost: boolean;
  canLink: boolean;
  canImage: boolean;
  flagWeight: number;
  postsPerHour: number;
};

const penalised = (m: TrustSubject, now: Date) =>
  m.penaltyUntil != null && new Date(m.penaltyUntil).getTime() > now.getTime();

/** The member's trust now: the stored level, or 0 while a penalty runs. */
export function trustOf(member: TrustSubject, now = new Date()): number {
  return penalised(member, now) ? 0 : member.trustLevel;
}

/** The level activity earns (0–3): the highest whose thresholds are all met. */
export function earnedLevel(a: Activity, settings: CommunitySettings): number {
  const meets = (t: CommunitySettings["trust"]["basic"]) =>
    a.posts >= t.posts &&
    a.acceptedAnswers >= t.acceptedAnswers &&
    a.reputation >= t.reputation &&
    a.accountDays >= t.accountDays;
  let level = 0;
  if (meets(settings.trust.basic)) level = 1;
  if (level === 1 && meets(settings.trust.member)) level = 2;
  if (level === 2 && meets(settings.trust.regular)) level = 3;
  if (a.flagsAgainst >= settings.trust.flagsAgainstLimit) level = Math.min(level, 1);
  return level;
}

const BY_LEVEL: Privileges[] = [
  { canPost: true, canLink: false, canImage: false, flagWeight: 1, postsPerHour: 3 },
  { canPost: true, canLink: true, canImage: true, flagWeight: 1, postsPerHour: 10 },
  { canPost: true, canLink: true, canImage: true, flagWeight: 2, postsPerHour: 30 },
  { canPost: true, canLink: true, canImage: true, flagWeight: 3, postsPerHour: 60 },
  { canPost: true, canLink: true, canImage: true, flagWeight: 5, postsPerHour: 120 },
];
// Flag weights follow moderation's table (1, 1, 2, 3, 5; staff 5 = the default hide threshold).
const STAFF: Privileges = { canPost: true, canLink: true, canImage: true, flagWeight: 5, postsPerHour: 600 };
const SILENCED: Privileges = {
  canPost: false,
  canLink: false,
  canImage: false,
  flagWeight: 0,
  postsPerHour: 0,
};

/** What the member may do now. Staff are trusted fully; a penalty silences anyone else. */
export function privilegesOf(member: TrustSubject, now = new Date()): Privileges {
  if (member.isStaff) return STAFF;
  if (penalised(member, now)) return SILENCED;
  return BY_LEVEL[Math.max(0, Math.min(4, member.trustLevel))] as Privileges;
}

/** Counts what the member has done, for the trust rules. */
export async function activityOf(scope: TenantScope, memberId: string): Promise<Activity | undefined> {
  const member = await scope
    .selectFrom("community_members")
    .select(["reputation", sql<number>`extract(day from now() - created_at)::int`.as("accountDays")])
    .where("id", "=", memberId)
    .executeTakeFirst();
  if (!member) return undefined;
  const posts = await scope
    .selectFrom("community_posts")
    .select([
      sql<number>`count(*)::int`.as("posts"),
      sql<number>`count(*) filter (where kind = 'answer' and accepted)::int`.as("accepted"),
    ])
    .where("author_member_id", "=", memberId)
    .where("deleted_at", "is", null)
    .where("hidden", "=", false)
    .executeTakeFirstOrThrow();
  const flags = await scope
    .selectFrom("community_flags")
    .innerJoin("community_posts", "community_posts.id", "community_flags.post_id")
    .select(sql<number>`count(distinct community_flags.post_id)::int`.as("n"))
    .where("community_posts.author_member_id", "=", memberId)
    .where("community_flags.status", "=", "agreed")
    .where("community_flags.created_at", ">", sql<Date>`now() - interval '90 days'`)
    .executeTakeFirstOrThrow();
  return {
    posts: posts.posts,
    acceptedAnswers: posts.accepted,
    reputation: member.reputation,
    accountDays: member.accountDays,
    flagsAgainst: flags.n,
  };
}

/**
 * Levels 1 and 2, once reached (by activity or granted by staff), are kept: a quiet member does
 * not slide back to the new-account limits. Level 3 must keep being earned. Upheld flags cap
 * any level at 1.
 */
export function keptLevel(current: number, earned: number, a: Activity, settings: CommunitySettings): number {
  const level = Math.max(earned, Math.min(current, 2));
  return a.flagsAgainst >= settings.trust.flagsAgainstLimit ? Math.min(level, 1) : level;
}

/**
 * Recomputes and stores the member's earned level (run after their reputation or record
 * changes). A staff-granted 4 is kept; penalties are applied when read (`trustOf`), so the
 * level comes back by itself when a penalty ends.
 */
export async function recomputeTrust(
  scope: TenantScope,
  settings: CommunitySettings,
  memberId: string,
): Promise<number | undefined> {
  const current = await scope
    .selectFrom("community_members")
    .select("trust_level")
    .where("id", "=", memberId)
    .executeTakeFirst();
  if (!current) return undefined;
  if (current.trust_level === 4) return 4;
  const activity = await activityOf(scope, memberId);
  if (!activity) return undefined;
  const level = keptLevel(current.trust_level, earnedLevel(activity, settings), activity, settings);
  if (level !== current.trust_level) {
    await scope
      .updateTable("community_members")
      .set({ trust_level: level, updated_at: new Date() })
      .where("id", "=", memberId)
      .execute();
  }
  return level;
}
