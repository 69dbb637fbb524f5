import { sql } from "kysely";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { audit } from "../audit/audit.ts";
import { emitWebhookEvent } from "../webhooks/webhooks.service.ts";
import { emitFeedbackEvent } from "./events.ts";
import { assertCanTriage, readerFor } from "./feedback.policy.ts";
import { finalOriginal, findIdea, ideaUrl, readableIdea, recount } from "./feedback.repo.ts";

type Ctx = Pick<AppContext, "db" | "boss">;

/**
 * Marking an idea as a duplicate of another, in one transaction: votes, requesters, active
 * subscribers and linked cases move to the final original without double-counting (the
 * unique keys drop what the original already has), ideas already merged into the duplicate
 * are re-pointed, and both counts are recomputed from the rows. The duplicate keeps its
 * subscriptions so the notifications can tell those people where it went.
 */
export async function mergeIdea(ctx: Ctx, actor: Actor, idOrNumber: string, intoId: string) {
  assertCanTriage(actor);
  const reader = await readerFor(ctx.db, actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const a = await readableIdea(scope, reader, idOrNumber);
    const b = await readableIdea(scope, reader, intoId, { field: "intoId" });
    // Lock both rows in id order, so two merges of the same pair cannot deadlock.
    for (const id of [a.id, b.id].sort()) await findIdea(scope, id, { lock: true });
    const target = await finalOriginal(scope, (await findIdea(scope, b.id)) ?? b, true);
    const source = (await findIdea(scope, a.id)) ?? a;
    if (target.id === source.id)
      throw new AppError(
        "unprocessable",
        "An idea cannot be merged into itself or into one of its duplicates",
        "intoId",
      );
    if (source.merged_into_id) {
      if (source.merged_into_id === target.id) return { id: source.id, intoId: target.id };
      throw new AppError("unprocessable", "This idea is already merged into another idea", "intoId");
    }
    const ws = scope.workspaceId;
    await sql`
      insert into feedback_votes (workspace_id, idea_id, customer_id, visitor_hash, cast_by_user_id, created_at)
      select workspace_id, ${target.id}, customer_id, visitor_hash, cast_by_user_id, created_at
        from feedback_votes where idea_id = ${source.id} and workspace_id = ${ws}
      on conflict do nothing`.execute(tx);
    await sql`delete from feedback_votes where idea_id = ${source.id} and workspace_id = ${ws}`.execute(tx);
    await sql`
      insert into feedback_requesters as r (idea_id, customer_id, workspace_id, by_vote, by_case, first_at)
      select ${target.id}, customer_id, workspace_id, by_vote, by_case, first_at
        from feedback_requesters where idea_id = ${source.id} and workspace_id = ${ws}
      on conflict (idea_id, customer_id, workspace_id) do update set
        by_vote = r.by_vote or excluded.by_vote,
        by_case = r.by_case or excluded.by_case,
        first_at = least(r.first_at, excluded.first_at)`.execute(tx);
    await sql`delete from feedback_requesters where idea_id = ${source.id} and workspace_id = ${ws}`.execute(
      tx,
    );
    await sql`
      insert into feedback_idea_cases (idea_id, case_id, workspace_id, customer_id, linked_by_user_id, done_notified_at, created_at)
      select ${target.id}, case_id, workspace_id, customer_id, linked_by_user_id, done_notified_at, created_at
        from feedback_idea_cases where idea_id = ${source.id} and workspace_id = ${ws}
      on conflict do nothing`.execute(tx);
    await sql`delete from feedback_idea_cases where idea_id = ${source.id} and workspace_id = ${ws}`.execute(
      tx,
    );
    // Active followers follow the original too; anyone who said no to either stays unsubscribed.
    await sql`
      insert into feedback_subscriptions (workspace_id, idea_id, customer_id, user_id, reason)
      select workspace_id, ${target.id}, customer_id, user_id, 'merged'
        from feedback_subscriptions
       where idea_id = ${source.id} and workspace_id = ${ws} and unsubscribed_at is null
      on conflict do nothing`.execute(tx);
    await scope
      .updateTable("feedback_ideas")
      .set({ merged_into_id: target.id, updated_at: new Date() })
      .where("merged_into_id", "=", source.id)
      .execute();
    const now = new Date();
    await scope
      .updateTable("feedback_ideas")
      .set({
        status: "duplicate",
        merged_into_id: target.id,
        status_explanation: null,
        status_changed_at: now,
        done_at: null,
        updated_at: now,
      })
      .where("id", "=", source.id)
      .execute();
    await scope
      .insertInto("feedback_status_changes", {
        idea_id: source.id,
        from_status: source.status,
        to_status: "duplicate",
        explanation: null,
        by_user_id: actor.userId,
      })
      .execute();
    await recount(scope, source.id);
    await recount(scope, target.id);
    await audit(scope, {
      actorUserId: actor.userId,
      action: "feedback.idea_merged",
      subjectType: "feedback_idea",
      subjectId: source.id,
      data: { intoId: target.id },
    });
    await emitFeedbackEvent(
      { scope, boss: ctx.boss },
      { type: "idea.merged", ideaId: source.id, intoId: target.id, byUserId: actor.userId },
    );
    if (source.board_visibility !== "staff" && target.board_visibility !== "staff") {
      const ref = (r: typeof source) => ({
        id: r.id,
        number: String(r.number),
        title: r.title,
        url: ideaUrl(r.number, r.slug),
      });
      await emitWebhookEvent(scope, ctx.boss, "idea.merged", { idea: ref(source), into: ref(target) });
    }
    return { id: source.id, intoId: target.id };
  });
}
