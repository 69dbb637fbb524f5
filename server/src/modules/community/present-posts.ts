import type { CommunityPost, MemberRef } from "../../../../contracts/community.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { canSeeHidden, type Reader } from "./community.policy.ts";
import { helpedCounts, memberRefs, mentionsOf, type PostRow, postColumns } from "./community.repo.ts";
import { renderPost } from "./render.ts";

/**
 * The posts of a topic as a reader sees them: deleted ones gone, hidden ones only for their
 * author and moderators, each with its author, the reader's vote, the bodies rendered, and the
 * "helped N customers" count on accepted answers. Comments hang under their parent.
 */
export async function readPosts(scope: TenantScope, reader: Reader, topicId: string) {
  const rows = await scope
    .selectFrom("community_posts")
    .select(postColumns)
    .where("topic_id", "=", topicId)
    .where("deleted_at", "is", null)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const visible = rows.filter((r) => !r.hidden || canSeeHidden(reader, r.author_member_id));
  return presentPosts(scope, reader, topicId, visible);
}

export async function presentPosts(scope: TenantScope, reader: Reader, topicId: string, rows: PostRow[]) {
  const ids = rows.map((r) => r.id);
  const [authors, mentions, votes, helped] = await Promise.all([
    memberRefs(
      scope,
      rows.map((r) => r.author_member_id),
    ),
    // Only posts without stored HTML (written by older code, or whose body changed) render here.
    mentionsOf(
      scope,
      rows.filter((r) => r.body_html === null).map((r) => r.id),
    ),
    myVotes(scope, reader, ids),
    helpedCounts(
      scope,
      topicId,
      rows
        .filter((r) => r.accepted && r.accepted_at)
        .map((r) => ({ id: r.id, at: new Date(r.accepted_at as Date) })),
    ),
  ]);
  const present = (r: PostRow): CommunityPost => ({
    id: r.id,
    kind: r.kind,
    parentPostId: r.parent_post_id,
    body: r.body,
    bodyHtml: r.body_html ?? renderPost(r.body, mentions.get(r.id)),
    author: authors.get(r.author_member_id) as MemberRef,
    official: r.official,
    accepted: r.accepted,
    score: r.score,
    myVote: votes.get(r.id) ?? 0,
    helpedCount: helped.get(r.id) ?? 0,
    hidden: r.hidden,
    createdAt: new Date(r.created_at).toISOString(),
    editedAt: r.edited_at ? new Date(r.edited_at).toISOString() : null,
    comments: [],
  });
  const byId = new Map(rows.map((r) => [r.id, present(r)]));
  for (const r of rows) {
    if (r.kind !== "comment" || !r.parent_post_id) continue;
    const parent = byId.get(r.parent_post_id);
    const comment = byId.get(r.id);
    if (parent && comment) parent.comments.push(comment as never);
  }
  return { byId, rows };
}

async function myVotes(scope: TenantScope, reader: Reader, postIds: string[]) {
  if (!reader.member || postIds.length === 0) return new Map<string, number>();
  const rows = await scope
    .selectFrom("community_votes")
    .select(["post_id", "value"])
    .where("member_id", "=", reader.member.id)
    .where("post_id", "in", postIds)
    .execute();
  return new Map(rows.map((r) => [r.post_id, r.value]));
}

/** Answers in reading order: for questions accepted ones first, each group by time; discussions by time. */
export function answerOrder(kind: "question" | "discussion", answers: CommunityPost[]): CommunityPost[] {
  if (kind === "discussion") return answers;
  return [...answers.filter((a) => a.accepted), ...answers.filter((a) => !a.accepted)];
}

/** One post as its reader sees it (after writing or editing it). */
export async function presentOne(scope: TenantScope, reader: Reader, topicId: string, postId: string) {
  const rows = await scope
    .selectFrom("community_posts")
    .select(postColumns)
    .where((eb) => eb.or([eb("id", "=", postId), eb("parent_post_id", "=", postId)]))
    .where("deleted_at", "is", null)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const visible = rows.filter(
    (r) => r.id === postId || !r.hidden || canSeeHidden(reader, r.author_member_id),
  );
  const { byId } = await presentPosts(scope, reader, topicId, visible);
  const post = byId.get(postId);
  if (!post) throw new Error(`post ${postId} vanished`);
  return post;
}
