import { sql } from "kysely";
import { type EventContext, emitCommunityEvent } from "../events.ts";

/**
 * Hiding and restoring a post, whoever decides it (flags over the threshold, a review, a
 * moderator). Hiding the opening post hides its topic too: a question nobody may read has no
 * page. A topic's answer count counts the answers readers see (as the core keeps it), so
 * hiding an answer takes it off and restoring puts it back. Both are told to the other parts
 * as community events, in the caller's transaction.
 */
export type HideReason = "flags" | "spam" | "staff";
type PostRef = { id: string; kind: string; topicId: string };

export async function hidePost(ctx: EventContext, post: PostRef, reason: HideReason): Promise<void> {
  await ctx.scope
    .updateTable("community_posts")
    .set({ hidden: true, hidden_reason: reason })
    .where("id", "=", post.id)
    .execute();
  if (post.kind === "opening") {
    await ctx.scope
      .updateTable("community_topics")
      .set({ hidden: true, updated_at: new Date() })
      .where("id", "=", post.topicId)
      .execute();
  }
  if (post.kind === "answer") await countAnswer(ctx, post, -1);
  await emitCommunityEvent(ctx, { type: "post.hidden", postId: post.id, reason });
}

export async function restorePost(ctx: EventContext, post: PostRef): Promise<void> {
  await ctx.scope
    .updateTable("community_posts")
    .set({ hidden: false, hidden_reason: null })
    .where("id", "=", post.id)
    .execute();
  if (post.kind === "opening") {
    await ctx.scope
      .updateTable("community_topics")
      .set({ hidden: false, updated_at: new Date() })
      .where("id", "=", post.topicId)
      .execute();
  }
  if (post.kind === "answer") await countAnswer(ctx, post, 1);
  await emitCommunityEvent(ctx, { type: "post.restored", postId: post.id });
}

async function countAnswer(ctx: EventContext, post: PostRef, by: 1 | -1): Promise<void> {
  await ctx.scope
    .updateTable("community_topics")
    .set({ answer_count: sql`greatest(answer_count + ${by}, 0)` })
    .where("id", "=", post.topicId)
    // A deleted answer was already taken off the count.
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("community_posts").select("id").where("id", "=", post.id).where("deleted_at", "is", null),
      ),
    )
    .execute();
}
