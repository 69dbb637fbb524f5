import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { iso } from "../../platform/http/route-kit.ts";
import { doerOf } from "../customers/customers.service.ts";
import { appendEvent } from "../timeline/timeline.ts";
import { emitFeedbackEvent } from "./events.ts";
import { assertCanTriage, readerFor } from "./feedback.policy.ts";
import { type IdeaRow, ideaUrl, readableIdea, readableOriginal, recount } from "./feedback.repo.ts";
import { addRequester, dropRequester } from "./requesters.ts";
import { autoSubscribe } from "./subscriptions.ts";

type Ctx = Pick<AppContext, "db" | "boss">;

/**
 * Cases as evidence for an idea: linking counts the case's customer as a requester (by case)
 * without a public vote, subscribes them, and notes the link on the case's timeline (staff
 * only: the idea may be on a private board). Links to a duplicate land on its original.
 */
export async function linkCaseInTx(
  ctx: Ctx,
  scope: TenantScope,
  actor: Actor,
  idea: IdeaRow,
  caseId: string,
) {
  const c = await scope
    .selectFrom("cases")
    .select(["id", "customer_id"])
    .where("id", "=", caseId)
    .executeTakeFirst();
  if (!c) throw new AppError("not_found", "Case was not found", "caseId");
  const inserted = await scope
    .insertInto("feedback_idea_cases", {
      idea_id: idea.id,
      case_id: c.id,
      customer_id: c.customer_id,
      linked_by_user_id: actor.userId,
    })
    .onConflict((oc) => oc.doNothing())
    .returning("case_id")
    .executeTakeFirst();
  if (!inserted) return;
  await scope
    .updateTable("feedback_ideas")
    .set((eb) => ({ case_count: eb("case_count", "+", 1), updated_at: new Date() }))
    .where("id", "=", idea.id)
    .execute();
  await addRequester(scope, idea.id, c.customer_id, "case");
  await autoSubscribe(scope, idea.id, { customerId: c.customer_id }, "case");
  await appendEvent(scope, {
    customerId: c.customer_id,
    caseId: c.id,
    kind: "idea.linked",
    data: {
      ideaId: idea.id,
      number: Number(idea.number),
      title: idea.title,
      url: ideaUrl(idea.number, idea.slug),
    },
    doer: doerOf(actor),
  });
  await emitFeedbackEvent(
    { scope, boss: ctx.boss },
    { type: "idea.case_linked", ideaId: idea.id, caseId: c.id, customerId: c.customer_id },
  );
}

export async function linkCase(ctx: Ctx, actor: Actor, idOrNumber: string, caseId: string) {
  assertCanTriage(actor);
  const reader = await readerFor(ctx.db, actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const idea = await readableOriginal(scope, reader, idOrNumber);
    await linkCaseInTx(ctx, scope, actor, idea, caseId);
    return { linked: true, ideaId: idea.id };
  });
}

export async function unlinkCase(ctx: Ctx, actor: Actor, idOrNumber: string, caseId: string) {
  assertCanTriage(actor);
  const reader = await readerFor(ctx.db, actor);
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const idea = await readableOriginal(scope, reader, idOrNumber);
    const gone = await scope
      .deleteFrom("feedback_idea_cases")
      .where("idea_id", "=", idea.id)
      .where("case_id", "=", caseId)
      .returning("customer_id")
      .executeTakeFirst();
    if (!gone) throw new AppError("not_found", "That case is not linked to this idea", "caseId");
    await dropRequester(scope, idea.id, gone.customer_id, "case");
    await recount(scope, idea.id);
  });
}

export async function listCases(ctx: Pick<AppContext, "db">, actor: Actor, idOrNumber: string) {
  assertCanTriage(actor);
  const reader = await readerFor(ctx.db, actor);
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const idea = await readableIdea(scope, reader, idOrNumber);
  const rows = await scope
    .selectFrom("feedback_idea_cases")
    .innerJoin("cases as c", "c.id", "feedback_idea_cases.case_id")
    .innerJoin("customers as cu", "cu.id", "feedback_idea_cases.customer_id")
    .select([
      "feedback_idea_cases.case_id as caseId",
      "c.number as caseNumber",
      "c.subject as subject",
      "feedback_idea_cases.customer_id as customerId",
      "cu.name as customerName",
      "feedback_idea_cases.created_at as linkedAt",
    ])
    .where("feedback_idea_cases.idea_id", "=", idea.id)
    .orderBy("feedback_idea_cases.created_at", "desc")
    .execute();
  return {
    items: rows.map((r) => ({ ...r, caseNumber: Number(r.caseNumber), linkedAt: iso(r.linkedAt as Date) })),
  };
}
