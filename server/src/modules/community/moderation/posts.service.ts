import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { iso } from "../../../platform/http/route-kit.ts";
import { audit } from "../../audit/audit.ts";
import { renderArticle } from "../../help/render.ts";
import { canModerate } from "./access.ts";
import { hidePost, restorePost } from "./hiding.ts";

/**
 * Staff acts on one post: edit its body, hide it, restore it. Each is audited; the edit keeps
 * the previous body in the audit entry, so what a moderator changed can always be seen.
 */
type Ctx = Pick<AppContext, "db" | "boss">;
const PREVIOUS_BODY_KEPT = 10_000;

async function lockPost(scope: TenantScope, id: string) {
  const p = await scope
    .selectFrom("community_posts")
    .select(["id", "kind", "topic_id", "body", "hidden", "hidden_reason", "edited_at", "deleted_at"])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!p || p.deleted_at) throw new AppError("not_found", "No such post");
  return p;
}

async function present(scope: TenantScope, id: string) {
  const p = await lockPost(scope, id);
  return {
    id: p.id,
    topicId: p.topic_id,
    kind: p.kind,
    body: p.body,
    bodyHtml: renderArticle(p.body),
    hidden: p.hidden,
    hiddenReason: p.hidden_reason,
    editedAt: p.edited_at ? iso(p.edited_at) : null,
  };
}

function assertModerator(actor: Actor) {
  if (!canModerate(actor)) throw new AppError("forbidden", `Your role (${actor.role}) may not moderate`);
}

export async function moderatePostBody(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { body: string; reason?: string },
  requestId?: string,
) {
  assertModerator(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const p = await lockPost(scope, id);
    if (p.body === input.body) return present(scope, id);
    await scope
      .updateTable("community_posts")
      .set({ body: input.body, edited_at: new Date() })
      .where("id", "=", id)
      .execute();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "community.post.edited",
      subjectType: "community_post",
      subjectId: id,
      requestId,
      data: {
        topicId: p.topic_id,
        previousBody: p.body.slice(0, PREVIOUS_BODY_KEPT),
        reason: input.reason ?? "",
      },
    });
    return present(scope, id);
  });
}

/** Hide (`hidden: true`) or restore a post. Restoring also closes its open flags as disagreed. */
export async function setPostHidden(
  ctx: Ctx,
  actor: Actor,
  id: string,
  hidden: boolean,
  reason: string | undefined,
  requestId?: string,
) {
  assertModerator(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const p = await lockPost(scope, id);
    if (p.hidden === hidden) return present(scope, id);
    const ectx = { scope, boss: ctx.boss };
    const ref = { id, kind: p.kind, topicId: p.topic_id };
    let closedFlags = 0;
    if (hidden) await hidePost(ectx, ref, "staff");
    else {
      await restorePost(ectx, ref);
      // Otherwise the next flag would hide it again at once, on the weight of the old ones.
      const closed = await scope
        .updateTable("community_flags")
        .set({ status: "disagreed", decided_by_user_id: actor.userId, decided_at: new Date() })
        .where("post_id", "=", id)
        .where("status", "=", "open")
        .returning("id")
        .execute();
      closedFlags = closed.length;
    }
    await audit(scope, {
      actorUserId: actor.userId,
      action: hidden ? "community.post.hidden" : "community.post.restored",
      subjectType: "community_post",
      subjectId: id,
      requestId,
      data: { topicId: p.topic_id, previousReason: p.hidden_reason, reason: reason ?? "", closedFlags },
    });
    return present(scope, id);
  });
}
