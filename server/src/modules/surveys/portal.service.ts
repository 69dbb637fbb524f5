import type { SurveyAnswerInput } from "../../../../contracts/surveys.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { findCustomerForUser } from "../customers/customers.repo.ts";
import { recordAnswer } from "./respond.service.ts";
import { surveysClock } from "./rules.ts";

type Ctx = Pick<AppContext, "db" | "boss">;

/**
 * The portal's side of a survey: a signed-in customer sees the surveys sent on their own solved
 * case and answers there, by the same rules as the emailed link. Someone else's survey is
 * simply not found.
 */
async function me(scope: TenantScope, actor: Actor) {
  const c = await findCustomerForUser(scope, actor.userId);
  if (!c) throw new AppError("not_found", "Survey was not found", "id");
  return c.id;
}

const columns = [
  "s.id as surveyId",
  "s.case_id",
  "s.customer_id",
  "s.kind",
  "s.scale",
  "s.agent_id",
  "s.team_id",
  "s.status",
  "s.expires_at as expiresAt",
  "r.rating",
  "r.comment",
  "r.reason",
] as const;

export async function mySurveysOnCase(ctx: Ctx, actor: Actor, caseId: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const customerId = await me(scope, actor);
  const rows = await scope.db
    .selectFrom("surveys as s")
    .where("s.workspace_id", "=", scope.workspaceId)
    .leftJoin("survey_responses as r", "r.survey_id", "s.id")
    .select(columns)
    .where("s.case_id", "=", caseId)
    .where("s.customer_id", "=", customerId)
    .where("s.status", "in", ["sent", "responded", "expired"])
    .orderBy("s.kind", "desc")
    .execute();
  const now = surveysClock.now().getTime();
  return {
    items: rows.map((r) => ({
      surveyId: r.surveyId,
      kind: r.kind,
      scale: r.scale,
      open: r.status !== "expired" && !!r.expiresAt && r.expiresAt.getTime() >= now,
      rating: r.rating,
      comment: r.comment,
      reason: r.reason,
    })),
  };
}

export async function answerMySurvey(ctx: Ctx, actor: Actor, surveyId: string, input: SurveyAnswerInput) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const customerId = await me(scope, actor);
    const s = await scope.db
      .selectFrom("surveys as s")
      .where("s.workspace_id", "=", scope.workspaceId)
      .leftJoin("survey_responses as r", "r.survey_id", "s.id")
      .select(columns)
      .where("s.id", "=", surveyId)
      .where("s.customer_id", "=", customerId)
      .where("s.status", "in", ["sent", "responded", "expired"])
      .executeTakeFirst();
    if (!s) throw new AppError("not_found", "Survey was not found", "id");
    if (s.status === "expired" || !s.expiresAt || s.expiresAt.getTime() < surveysClock.now().getTime())
      throw new AppError("code_gone", "This survey has closed: answers are taken only within its window");
    await recordAnswer(ctx, scope, { ...s, id: s.surveyId }, input);
  });
}
