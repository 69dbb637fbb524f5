import type { SurveyAnswerInput } from "../../../../contracts/surveys.ts";
import type { AppContext } from "../../platform/context.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { notifyStaff } from "../notifications/notify.ts";
import { appendEvent } from "../timeline/timeline.ts";
import { emitWebhookEvent } from "../webhooks/webhooks.service.ts";
import { SCALE_MAX, sentimentOf } from "./rules.ts";
import type { SurveysTable } from "./schema-surveys.ts";

type Ctx = Pick<AppContext, "boss">;
type Survey = {
  id: string;
  case_id: string;
  customer_id: string;
  kind: SurveysTable["kind"];
  scale: SurveysTable["scale"];
  agent_id: string | null;
  team_id: string | null;
};

/**
 * Records (or changes) the one answer to a survey, in the caller's transaction: a second click
 * or post replaces the first (one `survey_responses` row per survey). A comment or reason left
 * out keeps the one given before, so the one-click link after a posted comment does not erase
 * it; a reason only stays while the rating is negative. A negative answer gives the team's
 * lead(s) a follow-up task, once per lead however often the customer changes their mind.
 */
export async function recordAnswer(
  ctx: Ctx,
  scope: TenantScope,
  s: Survey,
  input: SurveyAnswerInput,
): Promise<{ sentiment: string }> {
  const max = SCALE_MAX[s.scale];
  if (input.rating < 1 || input.rating > max)
    throw new AppError("validation_failed", `must be a whole number from 1 to ${max}`, "rating");
  const sentiment = sentimentOf(s.scale, input.rating);
  const before = await scope
    .selectFrom("survey_responses")
    .select(["comment", "reason"])
    .where("survey_id", "=", s.id)
    .executeTakeFirst();
  const comment = input.comment !== undefined ? input.comment || null : (before?.comment ?? null);
  const reason = sentiment === "negative" ? (input.reason ?? before?.reason ?? null) : null;
  const now = new Date();
  await scope
    .insertInto("survey_responses", {
      survey_id: s.id,
      case_id: s.case_id,
      customer_id: s.customer_id,
      agent_id: s.agent_id,
      team_id: s.team_id,
      kind: s.kind,
      rating: input.rating,
      sentiment,
      comment,
      reason,
    })
    .onConflict((oc) =>
      oc
        .columns(["survey_id", "workspace_id"])
        .doUpdateSet({ rating: input.rating, sentiment, comment, reason, updated_at: now }),
    )
    .execute();
  await scope.updateTable("surveys").set({ status: "responded" }).where("id", "=", s.id).execute();
  const data = { surveyId: s.id, kind: s.kind, rating: input.rating, sentiment, reason };
  await appendEvent(scope, { customerId: s.customer_id, caseId: s.case_id, kind: "survey.responded", data });
  await emitWebhookEvent(scope, ctx.boss, "survey.responded", {
    ...data,
    caseId: s.case_id,
    customerId: s.customer_id,
    scale: s.scale,
    comment,
  });
  if (sentiment === "negative") await openFollowUps(scope, s, input.rating);
  return { sentiment };
}

/** The case team's active leads; with no team or no lead, the workspace's active admins. */
async function leadsFor(scope: TenantScope, teamId: string | null) {
  if (teamId) {
    const leads = await scope.db
      .selectFrom("team_members as tm")
      .where("tm.workspace_id", "=", scope.workspaceId)
      .innerJoin("memberships as m", "m.id", "tm.membership_id")
      .select(["m.id", "m.user_id as userId"])
      .where("tm.team_id", "=", teamId)
      .where("tm.is_lead", "=", true)
      .where("m.status", "=", "active")
      .execute();
    if (leads.length > 0) return leads;
  }
  return scope
    .selectFrom("memberships")
    .select(["id", "user_id as userId"])
    .where("role", "=", "admin")
    .where("status", "=", "active")
    .execute();
}

async function openFollowUps(scope: TenantScope, s: Survey, rating: number) {
  const c = await scope
    .selectFrom("cases")
    .select(["number", "subject"])
    .where("id", "=", s.case_id)
    .executeTakeFirstOrThrow();
  for (const lead of await leadsFor(scope, s.team_id)) {
    const row = await scope
      .insertInto("survey_follow_ups", { case_id: s.case_id, survey_id: s.id, assignee_id: lead.id })
      .onConflict((oc) => oc.columns(["survey_id", "assignee_id", "workspace_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) continue;
    await notifyStaff(scope, [
      {
        recipientUserId: lead.userId,
        kind: "survey.negative",
        title: `Negative survey on #${c.number}: ${c.subject}`,
        summary: `Rated ${rating} of ${SCALE_MAX[s.scale]}. Follow up with the customer.`,
        caseId: s.case_id,
        link: "/app/surveys",
        subjectType: "survey_follow_up",
        subjectId: row.id,
      },
    ]);
  }
}
