import { type ExpressionBuilder, sql } from "kysely";
import type { Database } from "../../../platform/db/schema.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { periodStart } from "../reputation/leaderboard.ts";
import type { CategoryVisibility } from "../schema-community.ts";

/**
 * The public pages' reads (read-only, tenant-scoped, each bounded by a LIMIT or a key). They read
 * the community tables directly rather than through the core services, so a page is a handful
 * of statements however many posts a topic has. Hidden and deleted posts, hidden and merged
 * topics are filtered here, in SQL, so no caller can forget it.
 */

export const PAGE_SIZE = 30;
/** A topic page shows at most this many posts (answers and comments); beyond it, the newest are cut. */
export const POSTS_LIMIT = 2000;

/** Whether a member holds an MVP term today. */
const mvpNow = (memberId: string) =>
  sql<boolean>`exists (select 1 from community_mvp_terms mt where mt.member_id = ${sql.ref(memberId)}
    and mt.starts_at <= now() and mt.ends_at > now())`;

/** The author columns every list shows (joined as `m`). */
function authorColumns(eb: ExpressionBuilder<Database & { m: Database["community_members"] }, "m">) {
  return [
    eb.ref("m.id").as("authorId"),
    eb.ref("m.display_name").as("authorName"),
    eb.ref("m.avatar_key").as("authorAvatarKey"),
    eb.ref("m.is_staff").as("authorIsStaff"),
    eb.ref("m.reputation").as("authorReputation"),
    mvpNow("m.id").as("authorIsMvp"),
  ] as const;
}

export type AuthorRow = {
  authorId: string;
  authorName: string;
  authorAvatarKey: string | null;
  authorIsStaff: boolean;
  authorReputation: number;
  authorIsMvp: boolean;
};

/** The signed-in person's member row (if they ever took part) and whether they are an MVP now. */
export function viewerMember(scope: TenantScope, userId: string) {
  return scope
    .selectFrom("community_members")
    .select(["id", "is_staff as isStaff", mvpNow("community_members.id").as("isMvp")])
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

export function listCategories(scope: TenantScope, visibilities: CategoryVisibility[]) {
  return scope
    .selectFrom("community_categories")
    .select([
      "id",
      "name",
      "slug",
      "description",
      "visibility",
      sql<string>`(select count(*) from community_topics t where t.category_id = community_categories.id
        and not t.hidden and t.merged_into_id is null)`.as("topicCount"),
    ])
    .where("visibility", "in", visibilities)
    .orderBy("position")
    .orderBy("name")
    .limit(500)
    .execute();
}

function topicListQuery(scope: TenantScope) {
  return scope
    .selectFrom("community_topics")
    .innerJoin("community_members as m", "m.id", "community_topics.author_member_id")
    .innerJoin("community_categories as c", "c.id", "community_topics.category_id")
    .leftJoin("problems as pr", "pr.id", "community_topics.problem_id")
    .select((eb) => [
      "community_topics.id",
      "community_topics.number",
      "community_topics.kind",
      "community_topics.title",
      "community_topics.slug",
      "community_topics.pinned",
      "community_topics.solved",
      "community_topics.status",
      "community_topics.score",
      "community_topics.answer_count as answerCount",
      "community_topics.view_count as viewCount",
      "community_topics.last_activity_at as lastActivityAt",
      "community_topics.created_at as createdAt",
      "c.name as categoryName",
      "c.slug as categorySlug",
      "pr.status as problemStatus",
      "pr.public_title as problemTitle",
      ...authorColumns(eb),
    ])
    .where("community_topics.hidden", "=", false)
    .where("community_topics.merged_into_id", "is", null);
}
export type TopicListRow = Awaited<ReturnType<ReturnType<typeof topicListQuery>["execute"]>>[number];

export async function listCategoryTopics(
  scope: TenantScope,
  categoryId: string,
  sort: "activity" | "new" | "votes",
  page: number,
) {
  let q = topicListQuery(scope)
    .select(sql<string>`count(*) over ()`.as("total"))
    .where("community_topics.category_id", "=", categoryId)
    .orderBy("community_topics.pinned", "desc");
  if (sort === "new") q = q.orderBy("community_topics.created_at", "desc");
  else if (sort === "votes")
    q = q.orderBy("community_topics.score", "desc").orderBy("community_topics.last_activity_at", "desc");
  else q = q.orderBy("community_topics.last_activity_at", "desc");
  const rows = await q
    .orderBy("community_topics.id", "desc")
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

export function recentTopics(scope: TenantScope, visibilities: CategoryVisibility[], limit = 15) {
  return topicListQuery(scope)
    .where("c.visibility", "in", visibilities)
    .orderBy("community_topics.last_activity_at", "desc")
    .limit(limit)
    .execute();
}

/** A topic by its public number, with its category, author and linked problem (any visibility). */
export function findTopicByNumber(scope: TenantScope, number: string) {
  return scope
    .selectFrom("community_topics")
    .innerJoin("community_members as m", "m.id", "community_topics.author_member_id")
    .innerJoin("community_categories as c", "c.id", "community_topics.category_id")
    .leftJoin("problems as pr", "pr.id", "community_topics.problem_id")
    .leftJoin("community_topics as into", "into.id", "community_topics.merged_into_id")
    .select((eb) => [
      "community_topics.id",
      "community_topics.number",
      "community_topics.kind",
      "community_topics.title",
      "community_topics.slug",
      "community_topics.status",
      "community_topics.pinned",
      "community_topics.hidden",
      "community_topics.solved",
      "community_topics.score",
      "community_topics.answer_count as answerCount",
      "community_topics.created_at as createdAt",
      "community_topics.updated_at as updatedAt",
      "community_topics.merged_into_id as mergedIntoId",
      "into.number as intoNumber",
      "into.slug as intoSlug",
      "c.id as categoryId",
      "c.name as categoryName",
      "c.slug as categorySlug",
      "c.description as categoryDescription",
      "c.visibility as categoryVisibility",
      "pr.status as problemStatus",
      "pr.public_title as problemTitle",
      // The posts' version (migration 0032): any write to any of them changes it. Not the
      // view count, which changes on every new reader and must not invalidate the page.
      sql<string>`(select count(*) || ':' || coalesce(sum(p.rev), 0) from community_posts p
        where p.topic_id = community_topics.id)`.as("postsVersion"),
      ...authorColumns(eb),
    ])
    .where("community_topics.number", "=", number)
    .executeTakeFirst();
}

/** A topic's visible posts, oldest first, with their authors: one statement. */
export function topicPosts(scope: TenantScope, topicId: string) {
  return scope
    .selectFrom("community_posts")
    .innerJoin("community_members as m", "m.id", "community_posts.author_member_id")
    .select((eb) => [
      "community_posts.id",
      "community_posts.kind",
      "community_posts.parent_post_id as parentPostId",
      "community_posts.body",
      "community_posts.body_html as bodyHtml",
      "community_posts.official",
      "community_posts.accepted",
      "community_posts.accepted_at as acceptedAt",
      "community_posts.score",
      "community_posts.created_at as createdAt",
      "community_posts.edited_at as editedAt",
      ...authorColumns(eb),
    ])
    .where("community_posts.topic_id", "=", topicId)
    .where("community_posts.hidden", "=", false)
    .where("community_posts.deleted_at", "is", null)
    .orderBy("community_posts.created_at")
    .orderBy("community_posts.id")
    .limit(POSTS_LIMIT)
    .execute();
}

/** The viewer's votes on a topic's posts. */
export function myVotes(scope: TenantScope, topicId: string, memberId: string) {
  return scope
    .selectFrom("community_votes")
    .innerJoin("community_posts as p", "p.id", "community_votes.post_id")
    .select(["community_votes.post_id as postId", "community_votes.value"])
    .where("community_votes.member_id", "=", memberId)
    .where("p.topic_id", "=", topicId)
    .limit(POSTS_LIMIT)
    .execute();
}

export async function isFollowing(scope: TenantScope, topicId: string, memberId: string) {
  const row = await scope
    .selectFrom("community_follows")
    .select("member_id")
    .where("member_id", "=", memberId)
    .where("target_kind", "=", "topic")
    .where("target_id", "=", topicId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The cases tied to a topic (when, and whose), for "helped N customers". */
export function topicCases(scope: TenantScope, topicId: string) {
  return scope
    .selectFrom("community_topic_cases")
    .innerJoin("cases as cs", "cs.id", "community_topic_cases.case_id")
    .select(["community_topic_cases.created_at as linkedAt", "cs.customer_id as customerId"])
    .where("community_topic_cases.topic_id", "=", topicId)
    .limit(10_000)
    .execute();
}

export function findMemberProfile(scope: TenantScope, memberId: string) {
  return scope
    .selectFrom("community_members")
    .select([
      "id",
      "display_name as displayName",
      "avatar_key as avatarKey",
      "bio",
      "is_staff as isStaff",
      "reputation",
      "created_at as joinedAt",
      sql<Date | null>`(select max(mt.ends_at) from community_mvp_terms mt where mt.member_id = community_members.id
        and mt.starts_at <= now() and mt.ends_at > now())`.as("mvpUntil"),
    ])
    .where("id", "=", memberId)
    .executeTakeFirst();
}

export function memberBadges(scope: TenantScope, memberId: string) {
  return scope
    .selectFrom("community_badge_awards")
    .innerJoin("community_badges as b", "b.id", "community_badge_awards.badge_id")
    .select(["b.slug", "b.name", "b.tier", "community_badge_awards.awarded_at as awardedAt"])
    .where("community_badge_awards.member_id", "=", memberId)
    .where("b.enabled", "=", true)
    .orderBy("community_badge_awards.awarded_at", "desc")
    .limit(200)
    .execute();
}

/** A member's posts the viewer may read: counts, and the latest answers. */
function readablePostsOf(scope: TenantScope, memberId: string, visibilities: CategoryVisibility[]) {
  return scope
    .selectFrom("community_posts")
    .innerJoin("community_topics as t", "t.id", "community_posts.topic_id")
    .innerJoin("community_categories as c", "c.id", "t.category_id")
    .where("community_posts.author_member_id", "=", memberId)
    .where("community_posts.hidden", "=", false)
    .where("community_posts.deleted_at", "is", null)
    .where("t.hidden", "=", false)
    .where("t.merged_into_id", "is", null)
    .where("c.visibility", "in", visibilities);
}

export async function memberCounts(scope: TenantScope, memberId: string, visibilities: CategoryVisibility[]) {
  const row = await readablePostsOf(scope, memberId, visibilities)
    .select([
      sql<string>`count(*) filter (where community_posts.kind = 'answer')`.as("answers"),
      sql<string>`count(*) filter (where community_posts.kind = 'answer' and community_posts.accepted)`.as(
        "acceptedAnswers",
      ),
      sql<string>`count(*) filter (where community_posts.kind = 'opening' and t.kind = 'question')`.as(
        "questions",
      ),
    ])
    .executeTakeFirstOrThrow();
  return {
    answers: Number(row.answers),
    acceptedAnswers: Number(row.acceptedAnswers),
    questions: Number(row.questions),
  };
}

export function memberRecentAnswers(
  scope: TenantScope,
  memberId: string,
  visibilities: CategoryVisibility[],
) {
  return readablePostsOf(scope, memberId, visibilities)
    .select([
      "t.title",
      "t.number",
      "t.slug",
      "community_posts.accepted",
      "community_posts.score",
      "community_posts.created_at as createdAt",
    ])
    .where("community_posts.kind", "=", "answer")
    .orderBy("community_posts.created_at", "desc")
    .limit(10)
    .execute();
}

export function currentMvps(scope: TenantScope) {
  return scope
    .selectFrom("community_members")
    .innerJoin("community_mvp_terms as mt", "mt.member_id", "community_members.id")
    .select([
      "community_members.id",
      "community_members.display_name as displayName",
      "community_members.avatar_key as avatarKey",
      "community_members.is_staff as isStaff",
      "community_members.reputation",
      "community_members.bio",
      sql<Date>`max(mt.ends_at)`.as("mvpUntil"),
    ])
    .where(sql<boolean>`mt.starts_at <= now() and mt.ends_at > now()`)
    .groupBy(["community_members.id", "community_members.workspace_id"])
    .orderBy("community_members.reputation", "desc")
    .orderBy("community_members.display_name")
    .limit(200)
    .execute();
}

export type LeaderRow = {
  id: string;
  displayName: string;
  avatarKey: string | null;
  isStaff: boolean;
  reputation: number;
  isMvp: boolean;
  points: number;
  rank: number;
};

/**
 * The top members by points, from the same rows as `GET /api/v1/community/leaderboard`
 * (reputation/leaderboard.ts): all time from the kept sum, the calendar week or month from the
 * per-period rows reputation keeps beside its ledger, staff not ranked. rank() is competition
 * ranking: ties share a rank and the next rank skips.
 */
export async function leaderboard(
  scope: TenantScope,
  period: "week" | "month" | "all",
  limit = 50,
): Promise<LeaderRow[]> {
  const ws = scope.workspaceId;
  const points =
    period === "all"
      ? sql`select id as member_id, reputation as points from community_members
            where workspace_id = ${ws} and reputation > 0 and not is_staff
            order by reputation desc, id limit ${limit}`
      : sql`select r.member_id, r.points from community_reputation_periods r
              join community_members m on m.id = r.member_id and not m.is_staff
            where r.workspace_id = ${ws} and r.period = ${period}
              and r.starts_on = ${periodStart(period, new Date())}::date
              and r.category_id is null and r.points > 0
            order by r.points desc, r.member_id limit ${limit}`;
  const { rows } = await sql<LeaderRow>`
    select m.id, m.display_name as "displayName", m.avatar_key as "avatarKey", m.is_staff as "isStaff",
      m.reputation, ${mvpNow("m.id")} as "isMvp", p.points,
      (rank() over (order by p.points desc))::int as rank
    from (${points}) p join community_members m on m.id = p.member_id and m.workspace_id = ${ws}
    order by p.points desc, m.display_name, m.id`.execute(scope.db);
  return rows;
}
