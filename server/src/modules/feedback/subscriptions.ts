import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { assertCanParticipate, readerFor } from "./feedback.policy.ts";
import { readableOriginal } from "./feedback.repo.ts";
import type { SubscriptionReason } from "./schema-feedback.ts";

/**
 * Who follows an idea. Authors, voters, commenters and the customers of linked cases are
 * subscribed automatically; someone who unsubscribed keeps their row (unsubscribed_at), so a
 * later vote or comment does not quietly subscribe them again — only asking to does.
 */
export type Subscriber = { customerId: string } | { userId: string };

/** The person a signed-in actor follows as: their customer record, or (staff) their user. */
export const subscriberOf = (actor: Actor, customerId: string | null): Subscriber =>
  customerId ? { customerId } : { userId: actor.userId };

/** Subscribes unless a row exists (active or unsubscribed). Inside the caller's transaction. */
export async function autoSubscribe(
  scope: TenantScope,
  ideaId: string,
  who: Subscriber,
  reason: SubscriptionReason,
): Promise<void> {
  await scope
    .insertInto("feedback_subscriptions", {
      idea_id: ideaId,
      customer_id: "customerId" in who ? who.customerId : null,
      user_id: "userId" in who ? who.userId : null,
      reason,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function isSubscribed(scope: TenantScope, ideaId: string, who: Subscriber): Promise<boolean> {
  const row = await scope
    .selectFrom("feedback_subscriptions")
    .select("id")
    .where("idea_id", "=", ideaId)
    .where("unsubscribed_at", "is", null)
    .where(
      "customerId" in who ? "customer_id" : "user_id",
      "=",
      "customerId" in who ? who.customerId : who.userId,
    )
    .executeTakeFirst();
  return !!row;
}

/** POST/DELETE /ideas/{id}/subscription: an explicit choice, which always wins. */
export async function setSubscription(
  ctx: Pick<AppContext, "db">,
  actor: Actor,
  idOrNumber: string,
  subscribed: boolean,
): Promise<{ subscribed: boolean }> {
  assertCanParticipate(actor);
  const reader = await readerFor(ctx.db, actor);
  if (!reader.staff && !reader.customerId)
    throw new AppError("forbidden", "Only customers and staff may follow ideas");
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    // Following a duplicate means following where it went.
    const idea = await readableOriginal(scope, reader, idOrNumber);
    const who = subscriberOf(actor, reader.customerId);
    const column = "customerId" in who ? "customer_id" : "user_id";
    // The row stays either way, so an earlier "no" survives later votes and comments.
    const unsubscribedAt = subscribed ? null : new Date();
    await scope
      .insertInto("feedback_subscriptions", {
        idea_id: idea.id,
        customer_id: "customerId" in who ? who.customerId : null,
        user_id: "userId" in who ? who.userId : null,
        reason: "manual",
        unsubscribed_at: unsubscribedAt,
      })
      .onConflict((oc) =>
        oc.columns(["idea_id", column, "workspace_id"]).doUpdateSet({ unsubscribed_at: unsubscribedAt }),
      )
      .execute();
    return { subscribed };
  });
}
