import type { FlagInput, ReviewInput } from "../../../../../contracts/community-moderation.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { iso } from "../../../platform/http/route-kit.ts";
import { audit } from "../../audit/audit.ts";
import { type EventContext, emitCommunityEvent } from "../events.ts";
import { ensureMemberForActor } from "../members.ts";
import { canModerate, readablePost } from "./access.ts";
import { hidePost, restorePost } from "./hiding.ts";
import { flagHideThreshold, flagWeightOf, standingOf } from "./standing.ts";

/**
 * Flags and their review. A flag weighs what its flagger's trust says; once the open flags on
 * a post weigh as much as the workspace's threshold (or a staff member flags), the post is
 * hidden pending review. A moderator then agrees (it stays hidden; spam penalises the author),
 * disagrees (it comes back) or ignores (the flags close, the post stays as it is). Each
 * decision is audited in the same transaction.
 */
type Ctx = Pick<AppContext, "db" | "boss">;

/** A confirmed spammer's trust is held at 0 this long. */
export const SPAM_PENALTY_DAYS = 14;

export async function createFlag(ctx: Ctx, actor: Actor, input: FlagInput) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const member = await ensureMemberForActor(scope, actor);
    const post = await readablePost(scope, actor, member.id, input.postId);
    if (post.authorId === member.id) throw new AppError("forbidden", "You cannot flag your own post");
    // One flagger at a time per post, so two flags crossing the threshold hide it once.
    const locked = await scope
      .selectFrom("community_posts")
      .select(["hidden"])
      .where("id", "=", post.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const standing = await standingOf(scope, member.id);
    const weight = await flagWeightOf(member, standing);
    const inserted = await scope
      .insertInto("community_flags", {
        post_id: post.id,
        flagger_member_id: member.id,
        source: "member",
        reason: input.reason,
        note: input.note ?? "",
        weight,
      })
      .onConflict((oc) => oc.columns(["post_id", "flagger_member_id", "workspace_id"]).doNothing())
      .returning(["id"])
      .executeTakeFirst();
    let hidden = locked.hidden;
    if (inserted && !hidden) {
      const { total } = await scope
        .selectFrom("community_flags")
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("weight"), eb.lit(0)).as("total"))
        .where("post_id", "=", post.id)
        .where("status", "=", "open")
        .executeTakeFirstOrThrow();
      if (standing.isStaff || Number(total) >= (await flagHideThreshold(scope))) {
        await hidePost({ scope, boss: ctx.boss }, post, "flags");
        hidden = true;
      }
    }
    // A repeated flag changes nothing: the member's first flag stands, as it was decided.
    const flag = await scope
      .selectFrom("community_flags")
      .select(["id", "post_id", "reason", "note", "weight", "status", "created_at"])
      .where("post_id", "=", post.id)
      .where("flagger_member_id", "=", member.id)
      .executeTakeFirstOrThrow();
    return {
      created: inserted !== undefined,
      flag: {
        id: flag.id,
        postId: flag.post_id,
        reason: flag.reason,
        note: flag.note,
        weight: flag.weight,
        status: flag.status,
        createdAt: iso(flag.created_at),
        postHidden: hidden,
      },
    };
  });
}

const STATUS_OF = { agree: "agreed", disagree: "disagreed", ignore: "ignored" } as const;

export async function reviewFlags(
  ctx: Ctx,
  actor: Actor,
  postId: string,
  input: ReviewInput,
  requestId?: string,
) {
  if (!canModerate(actor)) throw new AppError("forbidden", `Your role (${actor.role}) may not moderate`);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const post = await scope
      .selectFrom("community_posts")
      .select([
        "id",
        "kind",
        "topic_id as topicId",
        "author_member_id as authorId",
        "hidden",
        "hidden_reason",
      ])
      .where("id", "=", postId)
      .forUpdate()
      .executeTakeFirst();
    if (!post) throw new AppError("not_found", "No such post", "postId");
    const flags = await scope
      .updateTable("community_flags")
      .set({ status: STATUS_OF[input.decision], decided_by_user_id: actor.userId, decided_at: new Date() })
      .where("post_id", "=", postId)
      .where("status", "=", "open")
      .returning(["id", "reason", "weight", "source", "note"])
      .execute();
    if (flags.length === 0) throw new AppError("conflict", "This post has no open flags to review", "postId");
    const ectx: EventContext = { scope, boss: ctx.boss };
    const spam = input.decision === "agree" && (input.spam ?? flags.some((f) => f.reason === "spam"));
    let hidden = post.hidden;
    if (input.decision === "agree") {
      if (!hidden) {
        await hidePost(ectx, post, "flags");
        hidden = true;
      }
      if (spam) {
        await emitCommunityEvent(ectx, {
          type: "post.spam_confirmed",
          postId,
          authorMemberId: post.authorId,
        });
        await scope
          .updateTable("community_members")
          .set({
            penalty_until: new Date(Date.now() + SPAM_PENALTY_DAYS * 86_400_000),
            updated_at: new Date(),
          })
          .where("id", "=", post.authorId)
          .where("is_staff", "=", false)
          .execute();
      }
    } else if (input.decision === "disagree" && hidden && post.hidden_reason !== "staff") {
      // A moderator's own hide is another moderator's decision, not the flags': it stays.
      await restorePost(ectx, post);
      hidden = false;
    }
    await scope
      .insertInto("community_moderation_decisions", {
        post_id: postId,
        author_member_id: post.authorId,
        decision: input.decision,
        spam,
        note: input.note ?? "",
        decided_by_user_id: actor.userId,
      })
      .execute();
    await audit(scope, {
      actorUserId: actor.userId,
      action: `community.flags.${STATUS_OF[input.decision]}`,
      subjectType: "community_post",
      subjectId: postId,
      requestId,
      data: {
        decision: input.decision,
        spam,
        note: input.note ?? "",
        authorMemberId: post.authorId,
        hiddenBefore: post.hidden,
        hiddenAfter: hidden,
        flags: flags.map((f) => ({
          id: f.id,
          source: f.source,
          reason: f.reason,
          weight: f.weight,
          note: f.note,
        })),
      },
    });
    return { postId, decision: input.decision, spam, hidden, flagsClosed: flags.length };
  });
}
