import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { topicUrl } from "./flags.repo.ts";

/** Topic rows as the moderation commands need them: locked, presented, recounted. */

export async function lockTopic(scope: TenantScope, id: string, field?: string) {
  const t = await scope
    .selectFrom("community_topics")
    .selectAll()
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!t) throw new AppError("not_found", "No such topic", field);
  return t;
}
export type TopicRow = Awaited<ReturnType<typeof lockTopic>>;

export function presentTopic(t: TopicRow) {
  return {
    id: t.id,
    number: Number(t.number),
    url: topicUrl(t.number, t.slug),
    title: t.title,
    categoryId: t.category_id,
    kind: t.kind,
    status: t.status,
    pinned: t.pinned,
    hidden: t.hidden,
    solved: t.solved,
    answerCount: t.answer_count,
    mergedIntoId: t.merged_into_id,
  };
}

export async function readTopic(scope: TenantScope, id: string) {
  const t = await scope
    .selectFrom("community_topics")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return presentTopic(t);
}

/** After posts moved in or out: answers (the visible ones, as the core counts them), solved and last activity follow the posts. */
export async function recountTopic(scope: TenantScope, topicId: string): Promise<void> {
  await sql`
    update community_topics t set
      answer_count = (select count(*) from community_posts p
                      where p.topic_id = t.id and p.kind = 'answer' and p.deleted_at is null and not p.hidden),
      solved = t.kind = 'question' and exists (select 1 from community_posts p
                      where p.topic_id = t.id and p.accepted and p.deleted_at is null),
      score = coalesce((select p.score from community_posts p where p.topic_id = t.id and p.kind = 'opening'), 0),
      last_activity_at = greatest(t.last_activity_at,
                      coalesce((select max(p.created_at) from community_posts p where p.topic_id = t.id), t.last_activity_at)),
      updated_at = now()
    where t.id = ${topicId} and t.workspace_id = ${scope.workspaceId}`.execute(scope.db);
}

/** Comments hang under answers (and, in principle, under comments): follow them down. */
export async function descendantsOf(scope: TenantScope, ids: string[]): Promise<string[]> {
  const out: string[] = [];
  let frontier = ids;
  for (let depth = 0; depth < 10 && frontier.length > 0; depth++) {
    const rows = await scope
      .selectFrom("community_posts")
      .select("id")
      .where("parent_post_id", "in", frontier)
      .execute();
    frontier = rows.map((r) => r.id).filter((id) => !out.includes(id) && !ids.includes(id));
    out.push(...frontier);
  }
  return out;
}

/**
 * People who followed a merged topic follow the thread that carries on. Someone who already
 * followed both keeps one follow (the primary key is member, kind, target); the old follows are
 * removed, so nobody is notified about a closed topic. Returns how many follows moved.
 */
export async function moveTopicFollows(scope: TenantScope, fromTopicId: string, toTopicId: string) {
  const { rows } = await sql<{ member_id: string }>`
    insert into community_follows (workspace_id, member_id, target_kind, target_id, created_at)
    select workspace_id, member_id, 'topic', ${toTopicId}::uuid, created_at from community_follows
     where workspace_id = ${scope.workspaceId} and target_kind = 'topic' and target_id = ${fromTopicId}::uuid
    on conflict (member_id, target_kind, target_id, workspace_id) do nothing
    returning member_id`.execute(scope.db);
  await scope
    .deleteFrom("community_follows")
    .where("target_kind", "=", "topic")
    .where("target_id", "=", fromTopicId)
    .execute();
  return rows.length;
}
