import {
  DEFAULT_FEEDBACK_SETTINGS,
  type FeedbackSettings,
  feedbackSettingsSchema,
} from "../../../../contracts/feedback.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { audit } from "../audit/audit.ts";
import { assertCanManage, assertCanTriage } from "./feedback.policy.ts";
import type { IdeaStatus } from "./schema-feedback.ts";

/**
 * The workspace's feedback settings: status labels (renames only — the meaning of each status,
 * `declined` and `duplicate` included, is fixed in code), score weights, the customer fact that
 * says what a customer is worth, and anonymous voting (off by default).
 */

const DEFAULT_LABELS: Record<IdeaStatus, string> = {
  open: "Open",
  under_review: "Under review",
  planned: "Planned",
  in_progress: "In progress",
  done: "Done",
  declined: "Declined",
  duplicate: "Duplicate",
};

export const statusLabelOf = (labels: Partial<Record<IdeaStatus, string>>, status: IdeaStatus) =>
  labels[status] ?? DEFAULT_LABELS[status];

/** The settings in force: the stored row over the defaults (a workspace may never have saved). */
export async function loadSettings(scope: TenantScope): Promise<FeedbackSettings> {
  const row = await scope.selectFrom("feedback_settings").selectAll().executeTakeFirst();
  if (!row) return DEFAULT_FEEDBACK_SETTINGS;
  // Stored JSON is read leniently: a weight missing from an older row takes its default.
  const parsed = feedbackSettingsSchema.safeParse({
    statusLabels: row.status_labels ?? {},
    scoreWeights: { ...DEFAULT_FEEDBACK_SETTINGS.scoreWeights, ...(row.score_weights ?? {}) },
    valueFactKey: row.value_fact_key,
    anonymousVoting: row.anonymous_voting,
  });
  return parsed.success ? parsed.data : DEFAULT_FEEDBACK_SETTINGS;
}

export async function getSettings(ctx: Pick<AppContext, "db">, actor: Actor): Promise<FeedbackSettings> {
  assertCanTriage(actor);
  return loadSettings(new TenantScope(ctx.db, actor.workspaceId));
}

export async function putSettings(
  ctx: Pick<AppContext, "db">,
  actor: Actor,
  input: FeedbackSettings,
): Promise<FeedbackSettings> {
  assertCanManage(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const values = {
      status_labels: JSON.stringify(input.statusLabels),
      score_weights: JSON.stringify(input.scoreWeights),
      value_fact_key: input.valueFactKey,
      anonymous_voting: input.anonymousVoting,
      updated_at: new Date(),
    };
    await scope
      .insertInto("feedback_settings", values)
      .onConflict((oc) => oc.column("workspace_id").doUpdateSet(values))
      .execute();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "feedback.settings_changed",
      subjectType: "feedback_settings",
      subjectId: actor.workspaceId,
      data: { anonymousVoting: input.anonymousVoting, valueFactKey: input.valueFactKey },
    });
    return loadSettings(scope);
  });
}
