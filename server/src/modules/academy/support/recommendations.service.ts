import type { RecommendedLesson } from "../../../../../contracts/academy-support.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { type Executor, TenantScope } from "../../../platform/db/tenant.ts";
import { AppError, notFound } from "../../../platform/http/errors.ts";
import { lessonRefs, publishedLesson } from "./lessons.repo.ts";

/**
 * A lesson recommended by a help article or by an outcome step of a playbook (one each).
 * Staff set and clear it; the public article page and the playbook run's outcome show it.
 */
export type Target =
  | { kind: "article"; articleId: string }
  | { kind: "playbook_outcome"; playbookId: string; stepId: string };

const keyOf = (t: Target) =>
  t.kind === "article"
    ? { target_kind: "article" as const, target_id: t.articleId, step_id: "" }
    : { target_kind: "playbook_outcome" as const, target_id: t.playbookId, step_id: t.stepId };

/** 404 when the article or playbook is not this workspace's; 422 when the step is no outcome. */
async function checkTarget(scope: TenantScope, t: Target) {
  if (t.kind === "article") {
    const a = await scope
      .selectFrom("help_articles")
      .select("id")
      .where("id", "=", t.articleId)
      .executeTakeFirst();
    if (!a) throw notFound("Article");
    return;
  }
  const versions = await scope
    .selectFrom("playbook_versions")
    .select("definition")
    .where("playbook_id", "=", t.playbookId)
    .execute();
  if (versions.length === 0) throw notFound("Playbook");
  const isOutcome = versions.some((v) =>
    ((v.definition as { steps?: Array<{ id: string; kind: string }> }).steps ?? []).some(
      (s) => s.id === t.stepId && s.kind === "outcome",
    ),
  );
  if (!isOutcome)
    throw new AppError("unprocessable", "The playbook has no outcome step with that id", "stepId");
}

export async function recommendedLesson(scope: TenantScope, t: Target): Promise<RecommendedLesson> {
  const k = keyOf(t);
  const row = await scope
    .selectFrom("academy_lesson_recommendations")
    .select("lesson_id")
    .where("target_kind", "=", k.target_kind)
    .where("target_id", "=", k.target_id)
    .where("step_id", "=", k.step_id)
    .executeTakeFirst();
  if (!row) return { lesson: null };
  const ref = (await lessonRefs(scope, [row.lesson_id])).get(row.lesson_id);
  return {
    lesson: ref
      ? { lessonId: ref.lessonId, lessonTitle: ref.lessonTitle, courseTitle: ref.courseTitle, href: ref.href }
      : null,
  };
}

export async function setRecommendation(ctx: AppContext, actor: Actor, t: Target, lessonId: string) {
  return ctx.db.transaction().execute(async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    await checkTarget(scope, t);
    await publishedLesson(scope, lessonId);
    await scope
      .insertInto("academy_lesson_recommendations", {
        ...keyOf(t),
        lesson_id: lessonId,
        set_by: actor.membershipId,
      })
      .onConflict((oc) =>
        oc
          .columns(["workspace_id", "target_kind", "target_id", "step_id"])
          .doUpdateSet({ lesson_id: lessonId, set_by: actor.membershipId, set_at: new Date() }),
      )
      .execute();
    return recommendedLesson(scope, t);
  });
}

export async function clearRecommendation(ctx: AppContext, actor: Actor, t: Target) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  await checkTarget(scope, t);
  const k = keyOf(t);
  await scope
    .deleteFrom("academy_lesson_recommendations")
    .where("target_kind", "=", k.target_kind)
    .where("target_id", "=", k.target_id)
    .where("step_id", "=", k.step_id)
    .execute();
}

/** The public article page's "Recommended lesson" (help/pages/article-page.ts), read as its workspace. */
export async function articleRecommendation(db: Executor, workspaceId: string, articleId: string) {
  return (await recommendedLesson(new TenantScope(db, workspaceId), { kind: "article", articleId })).lesson;
}
