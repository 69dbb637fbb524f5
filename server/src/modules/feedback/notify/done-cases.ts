import { sql } from "kysely";
import type { AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { lockCase } from "../../cases/cases.repo.ts";
import { writeMessage } from "../../cases/conversation.service.ts";
import { appendEvent } from "../../timeline/timeline.ts";
import { workspaceUrl } from "../../workspaces/workspace-url.ts";
import { findWorkspaceById } from "../../workspaces/workspaces.repo.ts";
import { doneReplyFor, statusLabels } from "./compose.ts";

/**
 * When an idea is done, each customer whose case raised it hears so on that case's own thread:
 * a reply, sent the way the problem broadcast sends its updates (writeMessage: threaded email
 * when the customer has an address, the portal otherwise), with a staff-only timeline event
 * saying why it was sent. Once per case: the link's `done_notified_at` is set in the reply's
 * transaction, with the link row locked, so a retried or overlapping sweep never replies twice,
 * and an idea that goes back to in progress and is done again does not tell anyone twice.
 * Cases linked after the idea was done are left to the agent who linked them; customers who
 * unsubscribed from the idea are not written to about it.
 */
type Ctx = Pick<AppContext, "db" | "boss" | "config" | "log" | "files">;
const MAX_PER_RUN = 500;

export async function tellDoneCases(ctx: Ctx): Promise<number> {
  const untold = await ctx.db
    .selectFrom("feedback_idea_cases as ic")
    .innerJoin("feedback_ideas as i", "i.id", "ic.idea_id")
    .select(["ic.workspace_id as workspaceId", "ic.idea_id as ideaId", "ic.case_id as caseId"])
    .where("ic.done_notified_at", "is", null)
    .where("i.status", "=", "done")
    .where("i.deleted_at", "is", null)
    .where(sql<boolean>`ic.created_at <= coalesce(i.done_at, i.status_changed_at, now())`)
    .orderBy("ic.case_id")
    .limit(MAX_PER_RUN)
    .execute();
  let told = 0;
  for (const link of untold) {
    try {
      if (await tellOne(ctx, link)) told++;
    } catch (err) {
      ctx.log.error(
        { err, ideaId: link.ideaId, caseId: link.caseId },
        "telling a case its idea is done failed",
      );
    }
  }
  return told;
}

async function tellOne(ctx: Ctx, link: { workspaceId: string; ideaId: string; caseId: string }) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, link.workspaceId);
    const locked = await scope
      .selectFrom("feedback_idea_cases")
      .select("case_id")
      .where("idea_id", "=", link.ideaId)
      .where("case_id", "=", link.caseId)
      .where("done_notified_at", "is", null)
      .forNoKeyUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!locked) return false; // told already, or another run is telling it now
    const idea = await scope
      .selectFrom("feedback_ideas")
      .innerJoin("feedback_boards as b", "b.id", "feedback_ideas.board_id")
      .select([
        "feedback_ideas.id",
        "feedback_ideas.title",
        "feedback_ideas.number",
        "feedback_ideas.slug",
        "feedback_ideas.status",
        "feedback_ideas.status_explanation as explanation",
        "b.visibility",
      ])
      .where("feedback_ideas.id", "=", link.ideaId)
      .executeTakeFirst();
    if (idea?.status !== "done") return false; // moved back before this run: nobody is told yet
    const markTold = () =>
      scope
        .updateTable("feedback_idea_cases")
        .set({ done_notified_at: new Date() })
        .where("idea_id", "=", link.ideaId)
        .where("case_id", "=", link.caseId)
        .execute();
    const c = await lockCase(scope, link.caseId);
    // A case merged into another has no thread of its own any more, and a customer who said
    // "no more email about this idea" is not written to about it: both links are settled silently.
    if (!c || c.mergedIntoId || (await unsubscribed(scope, link.ideaId, c.customerId)))
      return markTold().then(() => false);

    const sender = await senderOf(scope, link.ideaId);
    const labels = await statusLabels(scope);
    const base = await workspaceUrl({ db: tx, config: ctx.config }, link.workspaceId);
    const body = doneReplyFor({
      idea,
      label: labels.done,
      explanation: idea.explanation,
      base,
      public: idea.visibility !== "staff",
    });
    const doer = sender;
    const message = await writeMessage(ctx, scope, { ...sender, doer }, c, "reply", {
      body,
      attachments: [],
    });
    await appendEvent(scope, {
      customerId: c.customerId,
      caseId: c.id,
      kind: "idea.done_told",
      data: { ideaId: idea.id, number: Number(idea.number), title: idea.title, messageId: message.id },
      doer,
    });
    await markTold();
    return true;
  });
}

async function unsubscribed(scope: TenantScope, ideaId: string, customerId: string) {
  const sub = await scope
    .selectFrom("feedback_subscriptions")
    .select("unsubscribed_at")
    .where("idea_id", "=", ideaId)
    .where("customer_id", "=", customerId)
    .executeTakeFirst();
  return Boolean(sub?.unsubscribed_at);
}

/** The reply is signed by whoever marked the idea done; by the workspace when no one is known. */
async function senderOf(
  scope: TenantScope,
  ideaId: string,
): Promise<{ userId: string | null; name: string }> {
  const change = await scope
    .selectFrom("feedback_status_changes")
    .leftJoin("auth.user as u", "u.id", "feedback_status_changes.by_user_id")
    .select(["u.id", "u.name"])
    .where("feedback_status_changes.idea_id", "=", ideaId)
    .where("feedback_status_changes.to_status", "=", "done")
    .orderBy("feedback_status_changes.id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (change?.id && change.name) return { userId: change.id, name: change.name };
  const ws = await findWorkspaceById(scope.db, scope.workspaceId);
  return { userId: null, name: ws?.name ?? "Support" };
}
