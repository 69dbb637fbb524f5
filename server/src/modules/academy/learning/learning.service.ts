import type { z } from "zod";
import type {
  enrollmentSchema,
  LearnCourse,
  LearnLesson,
  progressInputSchema,
  progressSchema,
} from "../../../../../contracts/academy-learning.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { iso } from "../../../platform/http/route-kit.ts";
import { renderArticle } from "../../help/render.ts";
import { recordLessonProgress } from "../progress/completion.ts";
import { assertReadable, canAuthor, readableLesson } from "./course-access.ts";
import { ownLearnerId, readableLearnerId } from "./learner.policy.ts";
import {
  findCourse,
  findEnrollment,
  insertEnrollment,
  type LessonRow,
  lessonsWithProgress,
  linkTarget,
  listEnrollments,
  modulesOf,
} from "./learning.repo.ts";
import { quizSummary } from "./quiz.service.ts";

/**
 * The learner's commands: enrol, read a course and a lesson, report progress. Progress itself is
 * decided by progress/completion.ts; this only checks who may learn what and shapes the answers.
 */

/** Complete required lessons over required lessons, rounded down (100 only when all are done). */
export function percentOf(required: number, done: number): number {
  if (required === 0) return 0;
  return Math.floor((done * 100) / required);
}

function coursePercent(lessons: LessonRow[]): number {
  const required = lessons.filter((l) => l.required);
  return percentOf(required.length, required.filter((l) => l.completed_at !== null).length);
}

export async function myEnrollments(
  ctx: AppContext,
  actor: Actor,
  customerId: string | undefined,
): Promise<z.infer<typeof enrollmentSchema>[]> {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  return enrollmentsOf(scope, await readableLearnerId(scope, actor, customerId));
}

async function enrollmentsOf(
  scope: TenantScope,
  learnerId: string,
): Promise<z.infer<typeof enrollmentSchema>[]> {
  const rows = await listEnrollments(scope, learnerId);
  return rows.map((r) => ({
    courseId: r.course_id,
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    level: r.level,
    enrolledAt: iso(r.enrolled_at),
    completedAt: iso(r.completed_at),
    percent: percentOf(r.required, r.done),
    lastLessonId: r.last_lesson_id,
  }));
}

/** Enrols the signed-in customer in a published course; enrolling twice is harmless. */
export async function enroll(ctx: AppContext, actor: Actor, courseId: string) {
  return ctx.db.transaction().execute(async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const learnerId = await ownLearnerId(scope, actor);
    const course = await findCourse(scope, courseId);
    if (!course || course.state === "draft")
      throw new AppError("not_found", "Course was not found", "courseId");
    if (course.state !== "published")
      throw new AppError("unprocessable", "This course is archived and takes no new learners", "courseId");
    await insertEnrollment(scope, course.id, learnerId);
    const mine = await enrollmentsOf(scope, learnerId);
    return mine.find((e) => e.courseId === course.id) as z.infer<typeof enrollmentSchema>;
  });
}

/** Where to pick up: the lesson last opened, else the first one not complete, else the first. */
export function resumeLesson(lessons: LessonRow[], lastLessonId: string | null): string | null {
  if (lastLessonId && lessons.some((l) => l.id === lastLessonId)) return lastLessonId;
  return (lessons.find((l) => l.completed_at === null) ?? lessons[0])?.id ?? null;
}

export async function learnCourse(
  ctx: AppContext,
  actor: Actor,
  key: string,
  customerId: string | undefined,
): Promise<LearnCourse> {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const learnerId = await readableLearnerId(scope, actor, customerId).catch((err) => {
    // Staff previewing without a customer record still see the course, with no progress.
    if (customerId === undefined && canAuthor(actor)) return null;
    throw err;
  });
  const course = await assertReadable(scope, actor, await findCourse(scope, key), learnerId);
  const enrollment = learnerId ? await findEnrollment(scope, course.id, learnerId) : undefined;
  const lessons = await lessonsWithProgress(
    scope,
    course.id,
    learnerId ?? "00000000-0000-0000-0000-000000000000",
  );
  const modules = await modulesOf(scope, course.id);
  return {
    id: course.id,
    slug: course.slug,
    title: course.title,
    summary: course.summary,
    level: course.level,
    durationMinutes: course.duration_minutes,
    state: course.state,
    enrolled: !!enrollment,
    completedAt: iso(enrollment?.completed_at ?? null),
    percent: coursePercent(lessons),
    lastLessonId: enrollment?.last_lesson_id ?? null,
    resumeLessonId: resumeLesson(lessons, enrollment?.last_lesson_id ?? null),
    modules: modules.map((m) => ({
      id: m.id,
      title: m.title,
      lessons: lessons
        .filter((l) => l.module_id === m.id)
        .map((l) => ({
          id: l.id,
          title: l.title,
          kind: l.kind,
          required: l.required,
          percent: l.percent,
          completed: l.completed_at !== null,
        })),
    })),
  };
}

export async function learnLesson(ctx: AppContext, actor: Actor, lessonId: string): Promise<LearnLesson> {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const learnerId = await ownLearnerId(scope, actor).catch((err) => {
    if (canAuthor(actor)) return null;
    throw err;
  });
  const { lesson, course } = await readableLesson(scope, actor, lessonId, learnerId);
  const lessons = await lessonsWithProgress(
    scope,
    course.id,
    learnerId ?? "00000000-0000-0000-0000-000000000000",
  );
  const at = lessons.findIndex((l) => l.id === lesson.id);
  const mine = lessons[at];
  let link: LearnLesson["link"] = null;
  if (lesson.kind === "link" && lesson.link_kind && lesson.link_target_id) {
    const target = await linkTarget(scope, lesson.link_kind, lesson.link_target_id);
    if (target) {
      link = {
        kind: lesson.link_kind,
        title: target.title,
        url:
          lesson.link_kind === "article"
            ? `/help/articles/${encodeURIComponent(target.slug)}`
            : `/portal/help/${encodeURIComponent(target.slug)}`,
      };
    }
  }
  const uploaded = lesson.video_storage_key !== null;
  return {
    id: lesson.id,
    courseId: course.id,
    courseSlug: course.slug,
    courseTitle: course.title,
    title: lesson.title,
    kind: lesson.kind,
    required: lesson.required,
    html: renderArticle(lesson.body_md),
    percent: mine?.percent ?? 0,
    positionSeconds: mine?.position_seconds ?? 0,
    completed: !!mine?.completed_at,
    previousLessonId: lessons[at - 1]?.id ?? null,
    nextLessonId: lessons[at + 1]?.id ?? null,
    video:
      lesson.kind === "video"
        ? {
            // Streamed (with range requests) and captioned by the authoring part's routes.
            streamUrl: uploaded ? `/api/v1/academy/lessons/${lesson.id}/video` : null,
            embedUrl: uploaded ? null : lesson.video_embed_url,
            mime: lesson.video_mime,
            seconds: lesson.video_seconds,
            captionsUrl: lesson.captions_vtt ? `/api/v1/academy/lessons/${lesson.id}/captions.vtt` : null,
            transcript: lesson.transcript,
          }
        : null,
    link,
    quiz: lesson.kind === "quiz" ? await quizSummary(scope, lesson, learnerId) : null,
    sessionId: lesson.session_id,
  };
}

export async function reportProgress(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof progressInputSchema>,
): Promise<z.infer<typeof progressSchema>> {
  return ctx.db.transaction().execute(async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const learnerId = await ownLearnerId(scope, actor);
    const { lesson, course } = await readableLesson(scope, actor, input.lessonId, learnerId);
    if (course.state === "draft") throw new AppError("not_found", "Lesson was not found", "lessonId");
    if (input.opened && lesson.kind !== "link")
      throw new AppError("unprocessable", `A ${lesson.kind} lesson is not completed by opening it`, "opened");
    const result = await recordLessonProgress(scope, {
      boss: ctx.boss,
      customerId: learnerId,
      lessonId: lesson.id,
      percent: input.percent,
      positionSeconds: input.positionSeconds,
      completedVia: input.opened ? "opened" : undefined,
    });
    const lessons = await lessonsWithProgress(scope, course.id, learnerId);
    const enrollment = await findEnrollment(scope, course.id, learnerId);
    return {
      lessonId: lesson.id,
      courseId: course.id,
      percent: result.percent,
      completed: result.completed,
      courseCompleted: !!enrollment?.completed_at,
      coursePercent: coursePercent(lessons),
    };
  });
}
