import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { iso } from "../../../platform/http/route-kit.ts";
import { renderArticle } from "../../help/render.ts";

/**
 * The review queue: flagged posts with what a moderator needs to decide at a glance — the
 * post and its topic, the author's standing (trust, account age, spam confirmed before), every
 * flag with its weight, and the spam check's reasons. Open flags come oldest first, so the
 * longest-waiting post is reviewed first; decided ones most recently decided first.
 */
type Status = "open" | "agreed" | "disagreed" | "ignored";
const DAY = 86_400_000;

export const topicUrl = (number: string | number, slug: string) => `/community/t/${number}-${slug}`;

export async function flagQueue(scope: TenantScope, status: Status, page: number, pageSize: number) {
  const { total } = await scope
    .selectFrom("community_flags")
    .select(sql<number>`count(distinct post_id)::int`.as("total"))
    .where("status", "=", status)
    .executeTakeFirstOrThrow();
  const ids = await scope
    .selectFrom("community_flags")
    .select(["post_id", sql<Date>`min(created_at)`.as("first"), sql<Date>`max(decided_at)`.as("decided")])
    .where("status", "=", status)
    .groupBy("post_id")
    .orderBy(status === "open" ? sql`min(created_at)` : sql`max(decided_at) desc`)
    .orderBy("post_id")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const postIds = ids.map((r) => r.post_id);
  if (postIds.length === 0) return { items: [], total, page, pageSize };

  const posts = await scope
    .selectFrom("community_posts")
    .innerJoin("community_topics as t", "t.id", "community_posts.topic_id")
    .innerJoin("community_members as m", "m.id", "community_posts.author_member_id")
    .select([
      "community_posts.id",
      "community_posts.kind",
      "community_posts.body",
      "community_posts.hidden",
      "community_posts.hidden_reason",
      "community_posts.deleted_at",
      "community_posts.created_at",
      "t.id as topicId",
      "t.number",
      "t.title",
      "t.slug",
      "m.id as authorId",
      "m.display_name",
      "m.trust_level",
      "m.is_staff",
      "m.penalty_until",
      "m.created_at as joinedAt",
    ])
    .where("community_posts.id", "in", postIds)
    .execute();
  const flags = await scope
    .selectFrom("community_flags")
    .leftJoin("community_members as fm", "fm.id", "community_flags.flagger_member_id")
    .select([
      "community_flags.id",
      "community_flags.post_id",
      "community_flags.source",
      "community_flags.reason",
      "community_flags.note",
      "community_flags.weight",
      "community_flags.status",
      "community_flags.created_at",
      "fm.id as flaggerId",
      "fm.display_name as flaggerName",
      "fm.trust_level as flaggerTrust",
    ])
    .where("community_flags.post_id", "in", postIds)
    .where("community_flags.status", "=", status)
    .orderBy("community_flags.created_at")
    .execute();
  const authorIds = [...new Set(posts.map((p) => p.authorId))];
  const spamCounts = await scope
    .selectFrom("community_moderation_decisions")
    .select(["author_member_id", sql<number>`count(distinct post_id)::int`.as("n")])
    .where("author_member_id", "in", authorIds)
    .where("spam", "=", true)
    .groupBy("author_member_id")
    .execute();
  const spamOf = new Map(spamCounts.map((r) => [r.author_member_id, r.n]));
  const byId = new Map(posts.map((p) => [p.id, p]));
  const now = Date.now();

  const items = postIds.flatMap((id) => {
    const p = byId.get(id);
    if (!p) return [];
    const mine = flags.filter((f) => f.post_id === id);
    return [
      {
        post: {
          id: p.id,
          kind: p.kind,
          body: p.body,
          bodyHtml: renderArticle(p.body),
          hidden: p.hidden,
          hiddenReason: p.hidden_reason,
          deleted: p.deleted_at !== null,
          createdAt: iso(p.created_at),
        },
        topic: { id: p.topicId, number: Number(p.number), title: p.title, url: topicUrl(p.number, p.slug) },
        author: {
          id: p.authorId,
          displayName: p.display_name,
          trustLevel: p.trust_level,
          isStaff: p.is_staff,
          joinedAt: iso(p.joinedAt),
          accountAgeDays: Math.floor((now - p.joinedAt.getTime()) / DAY),
          confirmedSpam: spamOf.get(p.authorId) ?? 0,
          penaltyUntil: p.penalty_until && p.penalty_until.getTime() > now ? iso(p.penalty_until) : null,
        },
        flags: mine.map((f) => ({
          id: f.id,
          source: f.source,
          reason: f.reason,
          note: f.note,
          weight: f.weight,
          status: f.status,
          flagger:
            f.flaggerId && f.flaggerName !== null && f.flaggerTrust !== null
              ? { id: f.flaggerId, displayName: f.flaggerName, trustLevel: f.flaggerTrust }
              : null,
          createdAt: iso(f.created_at),
        })),
        totalWeight: mine.reduce((sum, f) => sum + f.weight, 0),
        spamReasons: mine
          .filter((f) => f.source === "spam_check")
          .flatMap((f) => f.note.split("; ").filter(Boolean)),
      },
    ];
  });
  return { items, total, page, pageSize };
}
