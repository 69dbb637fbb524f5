import type { SurveySettings, SurveySettingsPatch } from "../../../../contracts/surveys.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { forbidden } from "../../platform/http/errors.ts";
import { audit } from "../audit/audit.ts";

type Ctx = Pick<AppContext, "db">;

/** The defaults of migration 0046: a workspace without a row has these. */
const DEFAULTS: SurveySettings = {
  enabled: true,
  kinds: ["csat"],
  csatScale: "five",
  delayMinutes: 1440,
  throttleDays: 30,
  windowDays: 28,
};

export async function readSurveySettings(scope: TenantScope): Promise<SurveySettings> {
  const row = await scope.selectFrom("retention_settings").selectAll().executeTakeFirst();
  if (!row) return { ...DEFAULTS };
  return {
    enabled: row.surveys_enabled,
    kinds: row.survey_kinds as SurveySettings["kinds"],
    csatScale: row.csat_scale,
    delayMinutes: row.survey_delay_minutes,
    throttleDays: row.survey_throttle_days,
    windowDays: row.survey_window_days,
  };
}

export async function getSurveySettings(ctx: Ctx, actor: Actor): Promise<SurveySettings> {
  return readSurveySettings(new TenantScope(ctx.db, actor.workspaceId));
}

/**
 * Changes only the survey columns: `repeat_window_days` on the same row belongs to the repeats
 * part, so an upsert here never writes it (a new row takes the column's default).
 */
export async function patchSurveySettings(
  ctx: Ctx,
  actor: Actor,
  patch: SurveySettingsPatch,
): Promise<SurveySettings> {
  if (!actor.permissions.includes("workspace.manage")) throw forbidden("Only admins change survey settings");
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const set = {
      ...(patch.enabled !== undefined && { surveys_enabled: patch.enabled }),
      ...(patch.kinds !== undefined && { survey_kinds: patch.kinds }),
      ...(patch.csatScale !== undefined && { csat_scale: patch.csatScale }),
      ...(patch.delayMinutes !== undefined && { survey_delay_minutes: patch.delayMinutes }),
      ...(patch.throttleDays !== undefined && { survey_throttle_days: patch.throttleDays }),
      ...(patch.windowDays !== undefined && { survey_window_days: patch.windowDays }),
    };
    await scope
      .insertInto("retention_settings", set)
      .onConflict((oc) => oc.column("workspace_id").doUpdateSet({ ...set, updated_at: new Date() }))
      .execute();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "surveys.settings_changed",
      subjectType: "workspace",
      subjectId: actor.workspaceId,
      data: patch,
    });
    return readSurveySettings(scope);
  });
}
