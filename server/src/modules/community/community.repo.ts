import type { MemberRef, TopicSummary } from "../../../../contracts/community.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { imageUrl } from "../../platform/images.ts";
import { UNTITLED_PUBLIC } from "../problems/case-problems.service.ts";
import { renderWorkaround } from "../problems/workaround.ts";
import type { Reader } from "./community.policy.ts";
import { mvpUntilOf } from "./hooks.ts";
import type { CategoryVisibility } from "./schema-community.ts";

/** SQL for topics, posts and member references; every query goes through the TenantScope. */

export const topicUrl = (number: string | number, slug: string) => `/community/t/${number}-${slug}`;
export const avatarUrlOf = (memberId: string, key: string | null) =>
  imageUrl(`/api/v1/community/users/${memberId}/avatar`, key);

/** MemberRefs for a page of authors: one query for the rows, one for the MVP terms. */
export async function memberRefs(scope: TenantScope, ids: string[]): Promise<Map<string, MemberRef>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const [rows, mvps] = await Promise.all([
    scope
      .selectFrom("community_members")
      .select(["id", "display_name", "avatar_key", "is_staff", "trust_level", "reputation"])
      .where("id", "in", unique)
      .execute(),
    mvpUntilOf(scope, unique),
  ]);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        displayName: r.display_name,
        avatarUrl: avatarUrlOf(r.id, r.avatar_key),
        isStaff: r.is_staff,
        isMvp: mvps.has(r.id),
        trustLevel: r.trust_level,
        reputation: r.reputation,
      },
    ]),
  );
}

export function topicQuery(scope: TenantScope) {
  return scope
    .selectFrom("community_topics")
    .innerJoin("community_categories as c", "c.id", "community_topics.category_id")
    .leftJoin("problems as p", "p.id", "community_topics.problem_id")
    .select([
      "community_topics.id",
      "community_topics.number",
      "community_topics.category_id",
      "community_topics.kind",
      "community_topics.title",
      "community_topics.slug",
      "community_topics.status",
      "community_topics.pinned",
      "community_topics.solved",
      "community_topics.score",
      "community_topics.answer_count",
      "community_topics.view_count",
      "community_topics.author_member_id",
      "community_topics.last_activity_at",
      "community_topics.created_at",
      "community_topics.hidden",
      "community_topics.problem_id",
      "community_topics.article_id",
      "community_topics.merged_into_id",
      "c.visibility",
      "p.public_title as problem_title",
      "p.status as problem_status",
      "p.public_workaround as problem_workaround",
    ]);
}

export type TopicRow = Awaited<ReturnType<ReturnType<typeof topicQuery>["executeTakeFirstOrThrow"]>>;

/** Whether a reader may see a topic at all: its category's visibility, and hidden only for some. */
export function topicReadable(reader: Reader, t: TopicRow): boolean {
  if (!reader.visibilities.includes(t.visibility as CategoryVisibility)) return false;
  if (t.hidden && !(reader.moderator || reader.member?.id === t.author_member_id)) return false;
  return true;
}

export function presentTopics(rows: TopicRow[], authors: Map<string, MemberRef>): TopicSummary[] {
  return rows.map((t) => ({
    id: t.id,
    number: Number(t.number),
    url: topicUrl(t.number, t.slug),
    categoryId: t.category_id,
    kind: t.kind,
    title: t.title,
    status: t.status,
    pinned: t.pinned,
    solved: t.solved,
    score: t.score,
    answerCount: t.answer_count,
    viewCount: t.view_count,
    author: authors.get(t.author_member_id) ?? ghost(t.author_member_id),
    lastActivityAt: new Date(t.last_activity_at).toISOString(),
    createdAt: new Date(t.created_at).toISOString(),
    // Everyone sees a linked problem as customers do: the public title, status and workaround.
    problem:
      t.problem_id && t.problem_status
        ? {
            id: t.problem_id,
            title: t.problem_title ?? UNTITLED_PUBLIC,
            status: t.problem_status,
            workaroundHtml: renderWorkaround(t.problem_workaround),
          }
        : null,
    hidden: t.hidden,
  }));
}

export async function summarize(scope: TenantScope, rows: TopicRow[]): Promise<TopicSummary[]> {
  return presentTopics(
    rows,
    await memberRefs(
      scope,
      rows.map((r) => r.author_member_id),
    ),
  );
}

/** A member row that vanished cannot happen (no deletes), but a summary must never fail on it. */
function ghost(id: string): MemberRef {
  return {
    id,
    displayName: "member",
    avatarUrl: null,
    isStaff: false,
    isMvp: false,
    trustLevel: 0,
    reputation: 0,
  };
}

/** The topic by uuid or public number (for the reader to check), or undefined. */
export async function findTopic(scope: TenantScope, idOrNumber: string): Promise<TopicRow | undefined> {
  const q = topicQuery(scope);
  return /^\d+$/.test(idOrNumber)
    ? q.where("community_topics.number", "=", idOrNumber as never).executeTakeFirst()
    : q.where("community_topics.id", "=", idOrNumber).executeTakeFirst();
}

export const postColumns = [
  "id",
  "topic_id",
  "kind",
  "parent_post_id",
  "author_member_id",
  "body",
  "body_html",
  "official",
  "accepted",
  "accepted_at",
  "score",
  "hidden",
  "deleted_at",
  "edited_at",
  "created_at",
] as const;

export function findPost(scope: TenantScope, id: string, opts: { lock?: boolean } = {}) {
  let q = scope.selectFrom("community_posts").select(postColumns).where("id", "=", id);
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type PostRow = NonNullable<Awaited<ReturnType<typeof findPost>>>;

/** The opening post of a topic. */
export function openingPostOf(scope: TenantScope, topicId: string) {
  return scope
    .selectFrom("community_posts")
    .select(postColumns)
    .where("topic_id", "=", topicId)
    .where("kind", "=", "opening")
    .executeTakeFirstOrThrow();
}

/** post id → (mention key → member id), from the stored mentions and the members' names now. */
export async function mentionsOf(scope: TenantScope, postIds: string[]) {
  const out = new Map<string, Map<string, string>>();
  if (postIds.length === 0) return out;
  const rows = await scope
    .selectFrom("community_mentions")
    .innerJoin("community_members as m", "m.id", "community_mentions.member_id")
    .select(["community_mentions.post_id", "m.id", "m.display_name"])
    .where("community_mentions.post_id", "in", postIds)
    .execute();
  for (const r of rows) {
    const map = out.get(r.post_id) ?? new Map<string, string>();
    map.set(r.display_name.trim().toLowerCase().replace(/\s+/g, "-"), r.id);
    out.set(r.post_id, map);
  }
  return out;
}

/** Distinct customers of cases linked to a topic after each answer was accepted. */
export async function helpedCounts(
  scope: TenantScope,
  topicId: string,
  accepted: Array<{ id: string; at: Date }>,
) {
  const out = new Map<string, number>();
  if (accepted.length === 0) return out;
  const links = await scope
    .selectFrom("community_topic_cases")
    .innerJoin("cases", "cases.id", "community_topic_cases.case_id")
    .select(["cases.customer_id", "community_topic_cases.created_at"])
    .where("community_topic_cases.topic_id", "=", topicId)
    .execute();
  for (const a of accepted) {
    const customers = new Set(links.filter((l) => new Date(l.created_at) > a.at).map((l) => l.customer_id));
    out.set(a.id, customers.size);
  }
  return out;
}
