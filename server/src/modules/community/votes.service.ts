import type { Actor } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { assertCanParticipate } from "./community.policy.ts";
import { emitCommunityEvent } from "./events.ts";
import { ensureMemberForActor } from "./members.ts";
import type { CoreCtx } from "./post-write.ts";
import { readablePost } from "./posts.service.ts";
import { readerFor } from "./readers.ts";

/**
 * A member's vote on a post: +1, -1, or 0 to take it back. Setting the vote one already has
 * changes nothing and tells no one (idempotent). The post row is locked first, so two votes
 * on one post are applied one after the other and its score stays the sum of its votes; the
 * primary key (post, member) keeps one vote per member whatever happens. A topic's score is
 * its opening post's.
 */
export async function vote(ctx: CoreCtx, actor: Actor, postId: string, value: -1 | 0 | 1) {
  assertCanParticipate(actor);
  const reader = await readerFor(ctx, actor, undefined);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const { post } = await readablePost(scope, reader, postId, { lock: true });
    const member = reader.member ?? (await ensureMemberForActor(scope, actor));
    if (post.author_member_id === member.id)
      throw new AppError("forbidden", "You cannot vote on your own post");
    const existing = await scope
      .selectFrom("community_votes")
      .select("value")
      .where("post_id", "=", post.id)
      .where("member_id", "=", member.id)
      .executeTakeFirst();
    const previous = (existing?.value ?? 0) as -1 | 0 | 1;
    if (previous === value) return { score: post.score, myVote: value };
    if (value === 0) {
      await scope
        .deleteFrom("community_votes")
        .where("post_id", "=", post.id)
        .where("member_id", "=", member.id)
        .execute();
    } else {
      await scope
        .insertInto("community_votes", { post_id: post.id, member_id: member.id, value })
        .onConflict((oc) =>
          oc.columns(["post_id", "member_id", "workspace_id"]).doUpdateSet({ value, updated_at: new Date() }),
        )
        .execute();
    }
    const score = post.score + value - previous;
    await scope.updateTable("community_posts").set({ score }).where("id", "=", post.id).execute();
    if (post.kind === "opening") {
      await scope.updateTable("community_topics").set({ score }).where("id", "=", post.topic_id).execute();
    }
    await emitCommunityEvent(
      { scope, boss: ctx.boss },
      { type: "post.voted", postId: post.id, voterMemberId: member.id, previous, value },
    );
    return { score, myVote: value };
  });
}
