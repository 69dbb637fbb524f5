import { sql } from "kysely";
import type { BadgeInput, BadgeRule } from "../../../../../contracts/community-reputation.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";

/** Badges and awards, in one workspace. */

/**
 * The badges every workspace starts with, written on first use. Rules are data: an admin
 * changes or disables these and adds their own the same way.
 */
export const DEFAULT_BADGES: Array<BadgeInput> = [
  {
    slug: "first-question",
    name: "Curious",
    description: "Asked a first question.",
    tier: "bronze",
    rule: { metric: "questions", atLeast: 1 },
  },
  {
    slug: "problem-solver",
    name: "Problem solver",
    description: "Had a first answer accepted.",
    tier: "bronze",
    rule: { metric: "accepted_answers", atLeast: 1 },
  },
  {
    slug: "helpful",
    name: "Helpful",
    description: "Received 10 upvotes.",
    tier: "bronze",
    rule: { metric: "upvotes_received", atLeast: 10 },
  },
  {
    slug: "category-expert",
    name: "Category expert",
    description: "Had 10 answers accepted in one category.",
    tier: "silver",
    rule: { metric: "accepted_answers", atLeast: 10, inAnyCategory: true },
  },
  {
    slug: "customer-helper",
    name: "Customer helper",
    description: "Accepted answers on topics linked to 10 support cases.",
    tier: "silver",
    rule: { metric: "helped_customers", atLeast: 10 },
  },
  {
    slug: "marathon",
    name: "Marathon",
    description: "Answered questions on 30 days in a row.",
    tier: "gold",
    rule: { metric: "answer_streak_days", atLeast: 30 },
  },
  {
    slug: "pillar",
    name: "Pillar of the community",
    description: "Reached 2,000 reputation.",
    tier: "gold",
    rule: { metric: "reputation", atLeast: 2000 },
  },
];

export async function ensureDefaultBadges(scope: TenantScope): Promise<void> {
  const any = await scope.selectFrom("community_badges").select("id").limit(1).executeTakeFirst();
  if (any) return;
  await scope.db
    .insertInto("community_badges")
    .values(
      DEFAULT_BADGES.map((b) => ({
        workspace_id: scope.workspaceId,
        slug: b.slug,
        name: b.name,
        description: b.description ?? "",
        tier: b.tier,
        rule: JSON.stringify(b.rule),
      })),
    )
    .onConflict((oc) => oc.columns(["workspace_id", "slug"]).doNothing())
    .execute();
}

const badgeColumns = ["id", "slug", "name", "description", "tier", "rule", "enabled"] as const;

export async function listBadges(scope: TenantScope) {
  return scope
    .selectFrom("community_badges")
    .select(badgeColumns)
    .select((eb) =>
      eb
        .selectFrom("community_badge_awards")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("community_badge_awards.badge_id", "=", "community_badges.id")
        .as("awardedCount"),
    )
    .orderBy(sql`case tier when 'bronze' then 0 when 'silver' then 1 else 2 end`)
    .orderBy("created_at")
    .orderBy("slug")
    .execute();
}

export function findBadge(scope: TenantScope, id: string) {
  return scope
    .selectFrom("community_badges")
    .select(badgeColumns)
    .select((eb) =>
      eb
        .selectFrom("community_badge_awards")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("community_badge_awards.badge_id", "=", "community_badges.id")
        .as("awardedCount"),
    )
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function insertBadge(scope: TenantScope, input: BadgeInput) {
  return scope
    .insertInto("community_badges", {
      slug: input.slug,
      name: input.name,
      description: input.description ?? "",
      tier: input.tier,
      rule: JSON.stringify(input.rule),
    })
    .onConflict((oc) => oc.columns(["workspace_id", "slug"]).doNothing())
    .returning("id")
    .executeTakeFirst();
}

export async function updateBadge(
  scope: TenantScope,
  id: string,
  patch: {
    name?: string;
    description?: string;
    tier?: BadgeInput["tier"];
    rule?: BadgeRule;
    enabled?: boolean;
  },
) {
  const set: Record<string, unknown> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.description !== undefined) set.description = patch.description;
  if (patch.tier !== undefined) set.tier = patch.tier;
  if (patch.rule !== undefined) set.rule = JSON.stringify(patch.rule);
  if (patch.enabled !== undefined) set.enabled = patch.enabled;
  if (Object.keys(set).length === 0) return (await findBadge(scope, id)) !== undefined;
  const r = await scope.updateTable("community_badges").set(set).where("id", "=", id).executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export function enabledBadges(scope: TenantScope) {
  return scope
    .selectFrom("community_badges")
    .select(["id", "rule"])
    .where("enabled", "=", true)
    .execute() as Promise<Array<{ id: string; rule: BadgeRule }>>;
}

/** The member's badges, for profiles and the customer panel. */
export function badgesOfMember(scope: TenantScope, memberId: string) {
  return scope
    .selectFrom("community_badge_awards")
    .innerJoin("community_badges", "community_badges.id", "community_badge_awards.badge_id")
    .select([
      "community_badges.slug as slug",
      "community_badges.name as name",
      "community_badges.tier as tier",
      "community_badge_awards.awarded_at as awardedAt",
    ])
    .where("community_badge_awards.member_id", "=", memberId)
    .orderBy("community_badge_awards.awarded_at")
    .execute();
}
