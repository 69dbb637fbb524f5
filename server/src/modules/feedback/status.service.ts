import { DECLINE_EXPLANATION_MIN } from "../../../../contracts/feedback.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { audit } from "../audit/audit.ts";
import { emitWebhookEvent } from "../webhooks/webhooks.service.ts";
import { emitFeedbackEvent } from "./events.ts";
import { assertCanTriage } from "./feedback.policy.ts";
import { findIdea, type IdeaRow, summarize } from "./feedback.repo.ts";
import type { IdeaStatus } from "./schema-feedback.ts";
import { loadSettings } from "./settings.service.ts";

/**
 * Honest answers. Declining needs a public explanation of at least 30 characters — here, and
 * again in the database's check, whose refusal is answered with the same 422 (so no path, old
 * or new, can decline silently). `duplicate` is reached only by merging. Every change is kept
 * in the idea's public history and announced to listeners and webhooks.
 */
export const declineNeedsExplanation = () =>
  new AppError(
    "unprocessable",
    `Declining needs a public explanation of at least ${DECLINE_EXPLANATION_MIN} characters`,
    "explanation",
  );

const isDeclineCheck = (err: unknown) =>
  typeof err === "object" &&
  err !== null &&
  (err as { code?: string }).code === "23514" &&
  (err as { table?: string }).table === "feedback_ideas";

export async function changeStatus(
  ctx: Pick<AppContext, "boss">,
  scope: TenantScope,
  actor: Actor,
  row: IdeaRow,
  to: IdeaStatus,
  explanation: string | undefined,
): Promise<void> {
  assertCanTriage(actor, "status");
  if (to === "duplicate")
    throw new AppError(
      "unprocessable",
      "An idea becomes a duplicate only by merging it into its original",
      "status",
    );
  if (row.status === "duplicate")
    throw new AppError(
      "unprocessable",
      "This idea was merged; change the status of its original instead",
      "status",
    );
  const text = explanation?.trim() || null;
  // The same status again without a new explanation changes nothing (a double click, a retry);
  // a declined idea already carries its explanation.
  if (to === row.status && (text === null || text === row.status_explanation)) return;
  if (to === "declined" && (text ?? "").length < DECLINE_EXPLANATION_MIN) throw declineNeedsExplanation();
  const now = new Date();
  try {
    await scope
      .updateTable("feedback_ideas")
      .set({
        status: to,
        // A new status drops the old explanation unless a new one was given.
        status_explanation: text ?? (to === row.status ? row.status_explanation : null),
        status_changed_at: now,
        done_at: to === "done" ? (row.status === "done" ? row.done_at : now) : null,
        updated_at: now,
      })
      .where("id", "=", row.id)
      .execute();
  } catch (err) {
    if (isDeclineCheck(err)) throw declineNeedsExplanation();
    throw err;
  }
  await scope
    .insertInto("feedback_status_changes", {
      idea_id: row.id,
      from_status: row.status,
      to_status: to,
      explanation: text,
      by_user_id: actor.userId,
    })
    .execute();
  await audit(scope, {
    actorUserId: actor.userId,
    action: "feedback.status_changed",
    subjectType: "feedback_idea",
    subjectId: row.id,
    data: { from: row.status, to },
  });
  await emitFeedbackEvent(
    { scope, boss: ctx.boss },
    {
      type: "idea.status_changed",
      ideaId: row.id,
      from: row.status,
      to,
      explanation: text,
      byUserId: actor.userId,
    },
  );
  if (row.board_visibility !== "staff") {
    const fresh = await findIdea(scope, row.id);
    const [idea] = fresh
      ? await summarize(
          scope,
          { customerId: null, visibilities: ["public", "customers"] },
          [fresh],
          (await loadSettings(scope)).statusLabels,
        )
      : [];
    await emitWebhookEvent(scope, ctx.boss, "idea.status_changed", {
      idea,
      from: row.status,
      to,
      explanation: text,
    });
  }
}
