import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { findCustomer } from "../customers/customers.repo.ts";
import { assertCanParticipate, assertCanTriage, type Reader, readerFor } from "./feedback.policy.ts";
import { readableOriginal } from "./feedback.repo.ts";
import { addRequester, dropRequester } from "./requesters.ts";
import { autoSubscribe } from "./subscriptions.ts";

type Ctx = Pick<AppContext, "db">;

/**
 * One vote per customer per idea — the database's unique key decides, so a double click or two
 * tabs count once. A customer votes for themselves; triage staff vote for a customer on their
 * behalf, recorded in `cast_by_user_id`. Votes on a duplicate land on its final original. The
 * vote count and the requesters move in the same transaction, under the idea's row lock.
 */
async function voterOf(scope: TenantScope, actor: Actor, reader: Reader, customerId: string | undefined) {
  if (customerId !== undefined) {
    assertCanTriage(actor, "customerId");
    const customer = await findCustomer(scope, customerId);
    if (!customer) throw new AppError("not_found", "Customer was not found", "customerId");
    return { customerId: customer.id, castBy: actor.userId };
  }
  if (reader.customerId) return { customerId: reader.customerId, castBy: null };
  if (reader.staff)
    throw new AppError(
      "validation_failed",
      "Staff vote on a customer's behalf: name the customer",
      "customerId",
    );
  throw new AppError("forbidden", "Only customers may vote");
}

export async function castVote(ctx: Ctx, actor: Actor, idOrNumber: string, customerId: string | undefined) {
  assertCanParticipate(actor);
  const reader = await readerFor(ctx.db, actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const voter = await voterOf(scope, actor, reader, customerId);
    const idea = await readableOriginal(scope, reader, idOrNumber);
    const inserted = await scope
      .insertInto("feedback_votes", {
        idea_id: idea.id,
        customer_id: voter.customerId,
        cast_by_user_id: voter.castBy,
      })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (inserted) {
      await scope
        .updateTable("feedback_ideas")
        .set((eb) => ({ vote_count: eb("vote_count", "+", 1) }))
        .where("id", "=", idea.id)
        .execute();
      await addRequester(scope, idea.id, voter.customerId, "vote");
      await autoSubscribe(scope, idea.id, { customerId: voter.customerId }, "voter");
    }
    return { votes: await voteCount(scope, idea.id), myVote: true };
  });
}

export async function removeVote(ctx: Ctx, actor: Actor, idOrNumber: string, customerId: string | undefined) {
  assertCanParticipate(actor);
  const reader = await readerFor(ctx.db, actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const voter = await voterOf(scope, actor, reader, customerId);
    const idea = await readableOriginal(scope, reader, idOrNumber);
    const gone = await scope
      .deleteFrom("feedback_votes")
      .where("idea_id", "=", idea.id)
      .where("customer_id", "=", voter.customerId)
      .returning("id")
      .executeTakeFirst();
    if (gone) {
      await scope
        .updateTable("feedback_ideas")
        .set((eb) => ({ vote_count: eb("vote_count", "-", 1) }))
        .where("id", "=", idea.id)
        .execute();
      await dropRequester(scope, idea.id, voter.customerId, "vote");
    }
    return { votes: await voteCount(scope, idea.id), myVote: false };
  });
}

async function voteCount(scope: TenantScope, ideaId: string) {
  const row = await scope
    .selectFrom("feedback_ideas")
    .select("vote_count")
    .where("id", "=", ideaId)
    .executeTakeFirstOrThrow();
  return row.vote_count;
}
