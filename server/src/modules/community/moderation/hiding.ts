import { type EventContext, emitCommunityEvent } from "../events.ts";

/**
 * Hiding and restoring a post, whoever decides it (flags over the threshold, a review, a
 * moderator). Hiding the opening post hides its topic too: a question nobody may read has no
 * page. Both are told to the other parts as community events, in the caller's transaction.
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
  await emitCommunityEvent(ctx, { type: "post.restored", postId: post.id });
}
