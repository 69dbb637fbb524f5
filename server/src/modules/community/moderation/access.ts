import { isStaffRole } from "../../../platform/auth/permissions.ts";
import type { Actor } from "../../../platform/context.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { AppError } from "../../../platform/http/errors.ts";
import type { CategoryVisibility } from "../schema-community.ts";

/**
 * Who may read a post, as docs/community-api.md says: staff everything; signed-in customers
 * public and customers categories, MVPs also mvp ones; a hidden post or topic only its author
 * and moderators. What a person may not read answers 404, so ids cannot be probed.
 */
const postNotFound = () => new AppError("not_found", "No such post", "postId");

export const canModerate = (actor: Actor) => actor.permissions.includes("community.moderate");

async function isMvp(scope: TenantScope, memberId: string): Promise<boolean> {
  const now = new Date();
  const term = await scope
    .selectFrom("community_mvp_terms")
    .select("id")
    .where("member_id", "=", memberId)
    .where("starts_at", "<=", now)
    .where("ends_at", ">", now)
    .executeTakeFirst();
  return term !== undefined;
}

export async function readablePost(scope: TenantScope, actor: Actor, memberId: string, postId: string) {
  const post = await scope
    .selectFrom("community_posts")
    .innerJoin("community_topics as t", "t.id", "community_posts.topic_id")
    .innerJoin("community_categories as c", "c.id", "t.category_id")
    .select([
      "community_posts.id",
      "community_posts.kind",
      "community_posts.topic_id as topicId",
      "community_posts.author_member_id as authorId",
      "community_posts.hidden",
      "t.hidden as topicHidden",
      "c.visibility",
    ])
    .where("community_posts.id", "=", postId)
    .where("community_posts.deleted_at", "is", null)
    .executeTakeFirst();
  if (!post) throw postNotFound();
  const moderator = canModerate(actor);
  if ((post.hidden || post.topicHidden) && !moderator && post.authorId !== memberId) throw postNotFound();
  const allowed: CategoryVisibility[] = isStaffRole(actor.role)
    ? ["public", "customers", "mvp", "staff"]
    : (await isMvp(scope, memberId))
      ? ["public", "customers", "mvp"]
      : ["public", "customers"];
  if (!allowed.includes(post.visibility)) throw postNotFound();
  return post;
}
