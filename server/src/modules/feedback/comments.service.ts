import type { IdeaComment } from "../../../../contracts/feedback.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { emitFeedbackEvent } from "./events.ts";
import {
  assertCanParticipate,
  assertCanTriage,
  commentNotFound,
  type Reader,
  readerFor,
} from "./feedback.policy.ts";
import { readableIdea } from "./feedback.repo.ts";
import { commentsOf } from "./idea-read.ts";
import { autoSubscribe, subscriberOf } from "./subscriptions.ts";

type Ctx = Pick<AppContext, "db" | "boss">;

/**
 * Comments on an idea. Staff comments may be marked official (the company's answer, triage
 * only). The commenter follows the idea; deleting is soft, by the author or triage.
 */
export async function listComments(ctx: Pick<AppContext, "db">, reader: Reader, idOrNumber: string) {
  const scope = new TenantScope(ctx.db, reader.workspaceId);
  const idea = await readableIdea(scope, reader, idOrNumber);
  return { items: await commentsOf(scope, reader, idea.id) };
}

export async function addComment(
  ctx: Ctx,
  actor: Actor,
  idOrNumber: string,
  input: { body: string; official?: boolean | undefined },
): Promise<IdeaComment> {
  assertCanParticipate(actor);
  if (input.official) assertCanTriage(actor, "official");
  const reader = await readerFor(ctx.db, actor);
  if (!reader.staff && !reader.customerId)
    throw new AppError("forbidden", "Only customers and staff may comment");
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const idea = await readableIdea(scope, reader, idOrNumber, { lock: true });
    const row = await scope
      .insertInto("feedback_comments", {
        idea_id: idea.id,
        author_customer_id: reader.customerId,
        author_user_id: reader.customerId ? null : actor.userId,
        body: input.body,
        official: input.official ?? false,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await scope
      .updateTable("feedback_ideas")
      .set((eb) => ({ comment_count: eb("comment_count", "+", 1) }))
      .where("id", "=", idea.id)
      .execute();
    await autoSubscribe(scope, idea.id, subscriberOf(actor, reader.customerId), "commenter");
    await emitFeedbackEvent(
      { scope, boss: ctx.boss },
      { type: "idea.commented", ideaId: idea.id, commentId: row.id, official: row.official },
    );
    const shown = (await commentsOf(scope, reader, idea.id)).find((c) => c.id === row.id);
    if (!shown) throw commentNotFound();
    return shown;
  });
}

export async function deleteComment(
  ctx: Pick<AppContext, "db">,
  actor: Actor,
  idOrNumber: string,
  commentId: string,
) {
  assertCanParticipate(actor);
  const reader = await readerFor(ctx.db, actor);
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const idea = await readableIdea(scope, reader, idOrNumber, { lock: true });
    const c = await scope
      .selectFrom("feedback_comments")
      .select(["id", "author_customer_id", "author_user_id"])
      .where("id", "=", commentId)
      .where("idea_id", "=", idea.id)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (!c) throw commentNotFound();
    const own =
      (reader.customerId !== null && c.author_customer_id === reader.customerId) ||
      (c.author_user_id !== null && c.author_user_id === actor.userId);
    if (!own && !reader.triage)
      throw new AppError("forbidden", "Only the author or staff may delete this comment");
    await scope
      .updateTable("feedback_comments")
      .set({ deleted_at: new Date() })
      .where("id", "=", c.id)
      .execute();
    await scope
      .updateTable("feedback_ideas")
      .set((eb) => ({ comment_count: eb("comment_count", "-", 1) }))
      .where("id", "=", idea.id)
      .execute();
  });
}
