import { sql } from "kysely";
import type { CommunityPostInput } from "../../../../contracts/community.ts";
import type { Actor } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { audit } from "../audit/audit.ts";
import { canEditPost, canSeeHidden, postNotFound, type Reader, topicNotFound } from "./community.policy.ts";
import { findPost, findTopic, type PostRow, topicReadable } from "./community.repo.ts";
import { emitCommunityEvent } from "./events.ts";
import { assertBodyAllowed, type CoreCtx, writePost } from "./post-write.ts";
import { presentOne } from "./present-posts.ts";
import { readerFor } from "./readers.ts";
import { renderPost, resolveMentions, saveMentions } from "./render.ts";
import { authorFor, readableTopic } from "./topics.service.ts";

/**
 * Answers and comments: written on an open topic the author may read; a comment hangs under
 * the opening post or an answer of the same topic. Editing and deleting are for the author
 * and moderators; a delete is soft (the row stays for votes, flags and the audit).
 */
export async function createPost(ctx: CoreCtx, actor: Actor, topicId: string, input: CommunityPostInput) {
  const reader = await readerFor(ctx, actor, undefined);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const author = await authorFor(scope, actor, input.customerId);
    const t = await findTopic(scope, topicId);
    // Readable by the caller and, on someone's behalf, in a category that person may use.
    if (!t || !topicReadable(reader, t) || !author.visibilities.includes(t.visibility as never))
      throw topicNotFound();
    // Locks the topic so concurrent answers keep answer_count exact.
    await scope.selectFrom("community_topics").select("id").where("id", "=", t.id).forUpdate().execute();
    if (t.status === "closed") throw new AppError("conflict", "This topic is closed to new posts");
    if (t.merged_into_id) throw new AppError("conflict", "This topic was merged into another one");
    let kind: "answer" | "comment" = "answer";
    if (input.parentPostId) {
      const parent = await findPost(scope, input.parentPostId);
      if (
        !parent ||
        parent.topic_id !== t.id ||
        parent.deleted_at ||
        parent.kind === "comment" ||
        (parent.hidden && !canSeeHidden(reader, parent.author_member_id))
      )
        throw postNotFound("parentPostId");
      kind = "comment";
    }
    const post = await writePost(ctx, scope, {
      topicId: t.id,
      kind,
      parentPostId: input.parentPostId ?? null,
      member: author.member,
      postedByUserId: author.postedByUserId,
      official: author.official,
      body: input.body,
    });
    await scope
      .updateTable("community_topics")
      .set((eb) => ({
        last_activity_at: new Date(),
        updated_at: new Date(),
        ...(kind === "answer" && !post.held ? { answer_count: eb("answer_count", "+", 1) } : {}),
      }))
      .where("id", "=", t.id)
      .execute();
    await emitCommunityEvent(
      { scope, boss: ctx.boss },
      { type: "post.created", topicId: t.id, postId: post.id, memberId: author.member.id, kind },
    );
    // The reader of the answer is whoever wrote it (the customer, when posted on their behalf).
    const asAuthor: Reader = { ...reader, member: author.member };
    return presentOne(scope, asAuthor, t.id, post.id);
  });
}

/** The post and its topic, if the reader may see both; else 404. */
async function readablePost(
  scope: TenantScope,
  reader: Reader,
  postId: string,
  opts: { lock?: boolean } = {},
) {
  const post = await findPost(scope, postId, opts);
  if (!post || post.deleted_at) throw postNotFound();
  if (post.hidden && !canSeeHidden(reader, post.author_member_id)) throw postNotFound();
  const topic = await readableTopic(scope, reader, post.topic_id).catch(() => {
    throw postNotFound();
  });
  return { post, topic };
}

export { readablePost };

export async function editPost(ctx: CoreCtx, actor: Actor, postId: string, body: string) {
  const reader = await readerFor(ctx, actor, undefined);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const { post } = await readablePost(scope, reader, postId, { lock: true });
    assertMayChange(reader, post);
    // An author may not edit in what they could not have posted; moderators fix anything.
    if (!reader.moderator && reader.member) await assertBodyAllowed(reader.member, body);
    const mentions = await resolveMentions(scope, body);
    await scope
      .updateTable("community_posts")
      .set({ body, body_html: renderPost(body, mentions), edited_at: new Date() })
      .where("id", "=", post.id)
      .execute();
    await saveMentions(scope, post.id, mentions);
    if (reader.member?.id !== post.author_member_id)
      await auditModeration(scope, actor, "community.post_edited", post);
    return presentOne(scope, reader, post.topic_id, post.id);
  });
}

export async function deletePost(ctx: CoreCtx, actor: Actor, postId: string) {
  const reader = await readerFor(ctx, actor, undefined);
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const { post, topic } = await readablePost(scope, reader, postId, { lock: true });
    assertMayChange(reader, post);
    // Deleting a question would take its answers with it: others' work stays unless a moderator decides.
    if (post.kind === "opening" && !reader.moderator && topic.answer_count > 0)
      throw new AppError("conflict", "This question has answers; ask a moderator to remove it");
    await scope
      .updateTable("community_posts")
      .set({ deleted_at: new Date() })
      .where("id", "=", post.id)
      .execute();
    if (post.kind === "opening") {
      // The question itself is gone: so is its topic, for everyone but moderators.
      await scope.updateTable("community_topics").set({ hidden: true }).where("id", "=", topic.id).execute();
    } else if (post.kind === "answer") {
      const accepted = await scope
        .selectFrom("community_posts")
        .select("id")
        .where("topic_id", "=", topic.id)
        .where("accepted", "=", true)
        .where("deleted_at", "is", null)
        .limit(1)
        .executeTakeFirst();
      await scope
        .updateTable("community_topics")
        .set({
          answer_count: post.hidden ? sql`answer_count` : sql`greatest(answer_count - 1, 0)`,
          solved: accepted !== undefined,
        })
        .where("id", "=", topic.id)
        .execute();
      if (post.accepted) {
        await emitCommunityEvent(
          { scope, boss: ctx.boss },
          { type: "answer.unaccepted", topicId: topic.id, postId: post.id },
        );
      }
    }
    if (reader.member?.id !== post.author_member_id)
      await auditModeration(scope, actor, "community.post_deleted", post);
  });
}

function assertMayChange(reader: Reader, post: PostRow) {
  if (!canEditPost(reader, post.author_member_id))
    throw new AppError("forbidden", "Only the author or a moderator may change this post");
}

async function auditModeration(scope: TenantScope, actor: Actor, action: string, post: PostRow) {
  await audit(scope, {
    actorUserId: actor.userId,
    action,
    subjectType: "community_post",
    subjectId: post.id,
    data: { topicId: post.topic_id },
  });
}
