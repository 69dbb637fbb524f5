import type { LessonInput, LessonPatch } from "../../../../../contracts/academy-courses.ts";
import type { Actor } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { audit } from "../../audit/audit.ts";
import { lessonNotFound, moduleNotFound } from "./courses.policy.ts";
import {
  findCourse,
  findLesson,
  findModule,
  type LessonRow,
  nextPosition,
  presentLesson,
  touchCourse,
} from "./courses.repo.ts";
import type { Ctx } from "./courses.service.ts";
import { checkLesson, type LessonState } from "./lesson-rules.ts";

/** Lessons of every kind: create, change, delete. The kind's rules are in lesson-rules.ts. */
const DEFAULT_PASS_PERCENT = 80;

/** Columns from API fields; undefined fields are left out (a patch keeps them). */
function columnsOf(input: LessonPatch) {
  return {
    ...(input.title !== undefined && { title: input.title }),
    ...(input.required !== undefined && { required: input.required }),
    ...(input.bodyMd !== undefined && { body_md: input.bodyMd }),
    ...(input.videoEmbedUrl !== undefined && { video_embed_url: input.videoEmbedUrl || null }),
    ...(input.videoSeconds !== undefined && { video_seconds: input.videoSeconds }),
    ...(input.captionsVtt !== undefined && { captions_vtt: input.captionsVtt || null }),
    ...(input.transcript !== undefined && { transcript: input.transcript || null }),
    ...(input.linkKind !== undefined && { link_kind: input.linkKind }),
    ...(input.linkTargetId !== undefined && { link_target_id: input.linkTargetId }),
    ...(input.passPercent !== undefined && { pass_percent: input.passPercent }),
    ...(input.attemptLimit !== undefined && { attempt_limit: input.attemptLimit }),
    ...(input.shuffleQuestions !== undefined && { shuffle_questions: input.shuffleQuestions }),
    ...(input.shuffleChoices !== undefined && { shuffle_choices: input.shuffleChoices }),
    ...(input.sessionId !== undefined && { session_id: input.sessionId }),
  };
}

function stateOf(
  l: Pick<
    LessonRow,
    | "kind"
    | "video_embed_url"
    | "video_storage_key"
    | "captions_vtt"
    | "link_kind"
    | "link_target_id"
    | "pass_percent"
    | "session_id"
  >,
): LessonState {
  return {
    kind: l.kind,
    videoEmbedUrl: l.video_embed_url,
    hasUpload: l.video_storage_key !== null,
    captionsVtt: l.captions_vtt,
    linkKind: l.link_kind,
    linkTargetId: l.link_target_id,
    passPercent: l.pass_percent,
    sessionId: l.session_id,
  };
}

export async function createLesson(ctx: Ctx, actor: Actor, moduleId: string, input: LessonInput) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const m = await findModule(scope, moduleId);
    if (!m) throw moduleNotFound();
    // The course row is locked like a reorder locks it, so a lesson added during a reorder
    // waits for it (and gets the next free position) instead of slipping past its check.
    await findCourse(scope, m.course_id, true);
    const cols = columnsOf(input);
    const values = {
      ...cols,
      title: input.title,
      kind: input.kind,
      pass_percent:
        input.kind === "quiz" ? (input.passPercent ?? DEFAULT_PASS_PERCENT) : (input.passPercent ?? null),
    };
    await checkLesson(
      scope,
      stateOf({
        kind: input.kind,
        video_embed_url: values.video_embed_url ?? null,
        video_storage_key: null,
        captions_vtt: values.captions_vtt ?? null,
        link_kind: values.link_kind ?? null,
        link_target_id: values.link_target_id ?? null,
        pass_percent: values.pass_percent,
        session_id: values.session_id ?? null,
      }),
      { embedHosts: ctx.config.academyEmbedHosts },
    );
    const position = await nextPosition(scope, "academy_lessons", "module_id", moduleId);
    const row = await scope
      .insertInto("academy_lessons", { ...values, course_id: m.course_id, module_id: moduleId, position })
      .returningAll()
      .executeTakeFirstOrThrow();
    await touchCourse(scope, m.course_id);
    await audit(scope, {
      actorUserId: actor.userId,
      action: "academy.lesson.created",
      subjectType: "academy_lesson",
      subjectId: row.id,
      data: { courseId: m.course_id, moduleId, kind: row.kind, title: row.title },
    });
    return presentLesson(row, 0);
  });
}

export async function getLesson(ctx: Ctx, actor: Actor, id: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const l = await findLesson(scope, id);
  if (!l) throw lessonNotFound();
  return presentLesson(l, await questionCount(scope, id));
}

async function questionCount(scope: TenantScope, lessonId: string) {
  const r = await scope
    .selectFrom("academy_quiz_questions")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("lesson_id", "=", lessonId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function updateLesson(ctx: Ctx, actor: Actor, id: string, patch: LessonPatch) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const before = await findLesson(scope, id, true);
    if (!before) throw lessonNotFound();
    const cols = columnsOf(patch);
    // The lesson as it would be after the patch, checked whole: a link lesson cannot lose its target.
    await checkLesson(scope, stateOf({ ...before, ...cols }), { embedHosts: ctx.config.academyEmbedHosts });
    const row = await scope
      .updateTable("academy_lessons")
      .set({ ...cols, updated_at: new Date() })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await touchCourse(scope, before.course_id);
    await audit(scope, {
      actorUserId: actor.userId,
      action: "academy.lesson.updated",
      subjectType: "academy_lesson",
      subjectId: id,
      data: { courseId: before.course_id, changed: Object.keys(patch) },
    });
    return presentLesson(row, await questionCount(scope, id));
  });
}

export async function deleteLesson(ctx: Ctx, actor: Actor, id: string) {
  const key = await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const before = await findLesson(scope, id, true);
    if (!before) throw lessonNotFound();
    await scope.deleteFrom("academy_lessons").where("id", "=", id).execute();
    await touchCourse(scope, before.course_id);
    await audit(scope, {
      actorUserId: actor.userId,
      action: "academy.lesson.deleted",
      subjectType: "academy_lesson",
      subjectId: id,
      data: { courseId: before.course_id, title: before.title, kind: before.kind },
    });
    return before.video_storage_key;
  });
  if (key) await ctx.files.delete(key).catch(() => undefined);
}
