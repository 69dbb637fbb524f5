import type { Actor } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { emitWebhookEvent } from "../webhooks/webhooks.service.ts";
import { canAccept } from "./community.policy.ts";
import { memberRefs, topicUrl } from "./community.repo.ts";
import { emitCommunityEvent } from "./events.ts";
import { ensureMemberForActor } from "./members.ts";
import type { CoreCtx } from "./post-write.ts";
import { readablePost } from "./posts.service.ts";
import { readerFor } from "./readers.ts";

/**
 * The asker (or staff) accepts an answer of a question; several may be accepted, and the
 * question is solved while any is. Accepting an accepted answer (or un-accepting one that is
 * not) changes nothing and announces nothing.
 */
export async function setAccepted(ctx: CoreCtx, actor: Actor, postId: string, accepted: boolean) {
  const reader = await readerFor(ctx, actor, undefined);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const { post, topic } = await readablePost(scope, reader, postId, { lock: true });
    if (!canAccept(reader, topic.author_member_id))
      throw new AppError("forbidden", "Only the person who asked, or staff, may accept an answer");
    if (topic.kind !== "question" || post.kind !== "answer")
      throw new AppError("conflict", "Only answers to a question can be accepted");
    // Locks the topic: two accepts at once must agree on "solved".
    await scope.selectFrom("community_topics").select("id").where("id", "=", topic.id).forUpdate().execute();
    if (post.accepted === accepted) return { accepted };
    const member = reader.member ?? (await ensureMemberForActor(scope, actor));
    const now = new Date();
    await scope
      .updateTable("community_posts")
      .set(
        accepted
          ? { accepted: true, accepted_at: now, accepted_by_member_id: member.id }
          : { accepted: false, accepted_at: null, accepted_by_member_id: null },
      )
      .where("id", "=", post.id)
      .execute();
    const still = await scope
      .selectFrom("community_posts")
      .select("id")
      .where("topic_id", "=", topic.id)
      .where("accepted", "=", true)
      .where("deleted_at", "is", null)
      .limit(1)
      .executeTakeFirst();
    await scope
      .updateTable("community_topics")
      .set({ solved: still !== undefined, last_activity_at: now, updated_at: now })
      .where("id", "=", topic.id)
      .execute();
    const ectx = { scope, boss: ctx.boss };
    if (accepted) {
      await emitCommunityEvent(ectx, {
        type: "answer.accepted",
        topicId: topic.id,
        postId: post.id,
        acceptedByMemberId: member.id,
      });
      if (topic.visibility !== "staff") {
        const refs = await memberRefs(scope, [post.author_member_id, member.id]);
        await emitWebhookEvent(scope, ctx.boss, "community.answer_accepted", {
          topic: {
            id: topic.id,
            number: Number(topic.number),
            title: topic.title,
            url: topicUrl(topic.number, topic.slug),
          },
          answer: { id: post.id, author: refs.get(post.author_member_id) ?? null },
          acceptedBy: refs.get(member.id) ?? null,
        });
      }
    } else {
      await emitCommunityEvent(ectx, { type: "answer.unaccepted", topicId: topic.id, postId: post.id });
    }
    return { accepted };
  });
}
