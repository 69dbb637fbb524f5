import type { AppContext } from "../../platform/context.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { emitCommunityEvent } from "./events.ts";
import { assertCanPost, checkNewPost, privilegesOf } from "./hooks.ts";
import type { Member } from "./members.ts";
import { bodyFeatures, renderPost, resolveMentions, saveMentions } from "./render.ts";
import type { PostKind } from "./schema-community.ts";

/**
 * Writing one post, the same way for an opening post, an answer, a comment or an official
 * notice: moderation's rate limit and spam check first, the member's privileges (links,
 * pictures), then the row and its mentions. A held post is written hidden (reason spam) and
 * announced as `post.hidden`, so moderation can queue it for review.
 */
export type CoreCtx = Pick<AppContext, "db" | "boss">;

/** Links and pictures are privileges a member earns (reputation's trust levels). */
export async function assertBodyAllowed(member: Member, body: string): Promise<void> {
  const can = await privilegesOf(member);
  if (!can.canPost) throw new AppError("forbidden", "You may not post in the community at the moment");
  const features = bodyFeatures(body);
  if (features.links && !can.canLink)
    throw new AppError("forbidden", "New members cannot post links yet", "body");
  if (features.images && !can.canImage)
    throw new AppError("forbidden", "New members cannot post pictures yet", "body");
}

export async function writePost(
  ctx: CoreCtx,
  scope: TenantScope,
  p: {
    topicId: string;
    kind: PostKind;
    parentPostId: string | null;
    member: Member;
    postedByUserId: string | null;
    official: boolean;
    body: string;
    /** Official notices the system writes skip the member checks. */
    system?: boolean;
  },
) {
  let hold = false;
  if (!p.system) {
    await assertCanPost(scope, p.member);
    await assertBodyAllowed(p.member, p.body);
    hold = (await checkNewPost(scope, p.member, p.body)).hold;
  }
  const mentions = await resolveMentions(scope, p.body);
  const row = await scope
    .insertInto("community_posts", {
      topic_id: p.topicId,
      kind: p.kind,
      parent_post_id: p.parentPostId,
      author_member_id: p.member.id,
      posted_by_user_id: p.postedByUserId,
      body: p.body,
      body_html: renderPost(p.body, mentions),
      official: p.official,
      hidden: hold,
      hidden_reason: hold ? "spam" : null,
    })
    .returning(["id", "created_at"])
    .executeTakeFirstOrThrow();
  await saveMentions(scope, row.id, mentions);
  if (hold) {
    await emitCommunityEvent(
      { scope, boss: ctx.boss },
      { type: "post.hidden", postId: row.id, reason: "spam" },
    );
  }
  return { id: row.id, held: hold };
}
