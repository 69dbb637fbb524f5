import { sql } from "kysely";
import type { AppContext } from "../../../platform/context.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { AppError } from "../../../platform/http/errors.ts";
import type { CompletedVia, LessonKind } from "../schema-academy.ts";

/**
 * The one place that decides when a lesson, and so a course, is complete (docs/academy-api.md).
 * Every path that moves a learner forward (reading, watching, a passed quiz, attending a live
 * session, opening a linked article) calls `recordLessonProgress` inside its own transaction;
 * the parts that react to completions (certificates, webhooks, the case timeline) register
 * listeners here instead of being called from each path.
 */
export const COMPLETE_AT_PERCENT = 90;

/** pg-boss, for listeners that queue work (webhooks); absent in the demo CLI. */
export type Boss = AppContext["boss"] | undefined;

export interface LessonCompleted {
  scope: TenantScope;
  boss: Boss;
  customerId: string;
  lessonId: string;
  lessonTitle: string;
  courseId: string;
  courseTitle: string;
  via: CompletedVia;
}

export interface CourseCompleted {
  scope: TenantScope;
  boss: Boss;
  customerId: string;
  courseId: string;
  courseTitle: string;
}

type Listener<E> = (event: E) => Promise<void>;
const lessonListeners: Listener<LessonCompleted>[] = [];
const courseListeners: Listener<CourseCompleted>[] = [];

/** Runs inside the completing transaction, so what it writes lands with the completion or not at all. */
export function onLessonCompleted(listener: Listener<LessonCompleted>): void {
  if (!lessonListeners.includes(listener)) lessonListeners.push(listener);
}

export function onCourseCompleted(listener: Listener<CourseCompleted>): void {
  if (!courseListeners.includes(listener)) courseListeners.push(listener);
}

/** The events a kind of lesson may be completed by, besides reading or watching to 90%. */
const COMPLETED_BY: Record<LessonKind, CompletedVia[]> = {
  text: ["read"],
  video: ["watched"],
  quiz: ["quiz"],
  link: ["opened"],
  session: ["attended"],
};

export interface ProgressInput {
  boss?: Boss;
  customerId: string;
  lessonId: string;
  /** How far the learner has read or watched (the highest value is kept). */
  percent?: number;
  /** A video's resume point. */
  positionSeconds?: number;
  /** An explicit completion: a passed quiz, an attended session, an opened link. */
  completedVia?: CompletedVia;
}

export interface ProgressResult {
  courseId: string;
  percent: number;
  completed: boolean;
  /** True only on the call that completed it. */
  lessonNewlyCompleted: boolean;
  courseNewlyCompleted: boolean;
}

/**
 * Records progress on a lesson. Call inside a transaction: the enrollment row is locked so two
 * completions of one course at once decide "course complete" exactly once.
 * Unknown lessons answer 404; a completion the lesson's kind does not allow answers 422.
 */
export async function recordLessonProgress(
  scope: TenantScope,
  input: ProgressInput,
): Promise<ProgressResult> {
  const lesson = await sql<{
    id: string;
    title: string;
    kind: LessonKind;
    course_id: string;
    course_title: string;
  }>`
    select l.id, l.title, l.kind, l.course_id, c.title as course_title
      from academy_lessons l join academy_courses c on c.id = l.course_id
     where l.workspace_id = ${scope.workspaceId} and l.id = ${input.lessonId}`
    .execute(scope.db)
    .then((r) => r.rows[0]);
  if (!lesson) throw new AppError("not_found", "Lesson was not found", "lessonId");
  if (input.completedVia && !COMPLETED_BY[lesson.kind].includes(input.completedVia)) {
    throw new AppError(
      "unprocessable",
      `A ${lesson.kind} lesson is not completed by '${input.completedVia}'`,
      "completedVia",
    );
  }

  await scope
    .insertInto("academy_enrollments", { course_id: lesson.course_id, customer_id: input.customerId })
    .onConflict((oc) => oc.columns(["course_id", "customer_id", "workspace_id"]).doNothing())
    .execute();
  const enrollment = await sql<{ id: string; completed_at: Date | null }>`
    select id, completed_at from academy_enrollments
     where workspace_id = ${scope.workspaceId} and course_id = ${lesson.course_id} and customer_id = ${input.customerId}
     for no key update`
    .execute(scope.db)
    .then((r) => r.rows[0]);
  if (!enrollment) throw new AppError("not_found", "Enrollment was not found", "lessonId");

  const before = await scope
    .selectFrom("academy_lesson_progress")
    .select(["percent", "completed_at"])
    .where("lesson_id", "=", lesson.id)
    .where("customer_id", "=", input.customerId)
    .executeTakeFirst();
  const percent = Math.max(before?.percent ?? 0, clampPercent(input.percent));
  const via = input.completedVia ?? byProgress(lesson.kind, percent);
  const lessonNewlyCompleted = !before?.completed_at && via !== null;
  const completedAt = before?.completed_at ?? (via ? new Date() : null);

  await scope
    .insertInto("academy_lesson_progress", {
      lesson_id: lesson.id,
      customer_id: input.customerId,
      course_id: lesson.course_id,
      percent,
      position_seconds: Math.max(0, Math.floor(input.positionSeconds ?? 0)),
      completed_at: completedAt,
      completed_via: lessonNewlyCompleted ? via : null,
    })
    .onConflict((oc) =>
      oc.columns(["lesson_id", "customer_id", "workspace_id"]).doUpdateSet({
        percent,
        position_seconds: (eb) =>
          input.positionSeconds === undefined
            ? eb.ref("academy_lesson_progress.position_seconds")
            : eb.val(Math.max(0, Math.floor(input.positionSeconds))),
        completed_at: completedAt,
        completed_via: (eb) =>
          lessonNewlyCompleted ? eb.val(via) : eb.ref("academy_lesson_progress.completed_via"),
        updated_at: new Date(),
      }),
    )
    .execute();
  await scope
    .updateTable("academy_enrollments")
    .set({ last_lesson_id: lesson.id })
    .where("id", "=", enrollment.id)
    .execute();

  let courseNewlyCompleted = false;
  if (lessonNewlyCompleted && via) {
    const event = {
      scope,
      boss: input.boss,
      customerId: input.customerId,
      lessonId: lesson.id,
      lessonTitle: lesson.title,
      courseId: lesson.course_id,
      courseTitle: lesson.course_title,
      via,
    };
    for (const listener of lessonListeners) await listener(event);
    if (!enrollment.completed_at && (await allRequiredDone(scope, lesson.course_id, input.customerId))) {
      await scope
        .updateTable("academy_enrollments")
        .set({ completed_at: new Date() })
        .where("id", "=", enrollment.id)
        .execute();
      courseNewlyCompleted = true;
      const done = {
        scope,
        boss: input.boss,
        customerId: input.customerId,
        courseId: lesson.course_id,
        courseTitle: lesson.course_title,
      };
      for (const listener of courseListeners) await listener(done);
    }
  }
  return {
    courseId: lesson.course_id,
    percent,
    completed: completedAt !== null,
    lessonNewlyCompleted,
    courseNewlyCompleted,
  };
}

function clampPercent(value: number | undefined): number {
  if (value === undefined || !Number.isFinite(value)) return 0;
  return Math.min(100, Math.max(0, Math.round(value)));
}

/** Reading or watching to 90% completes text and video lessons; other kinds need their event. */
function byProgress(kind: LessonKind, percent: number): CompletedVia | null {
  if (percent < COMPLETE_AT_PERCENT) return null;
  if (kind === "text") return "read";
  if (kind === "video") return "watched";
  return null;
}

async function allRequiredDone(scope: TenantScope, courseId: string, customerId: string): Promise<boolean> {
  const missing = await sql<{ n: number }>`
    select count(*)::int as n from academy_lessons l
     where l.workspace_id = ${scope.workspaceId} and l.course_id = ${courseId} and l.required
       and not exists (
         select 1 from academy_lesson_progress p
          where p.lesson_id = l.id and p.customer_id = ${customerId} and p.completed_at is not null)`.execute(
    scope.db,
  );
  return (missing.rows[0]?.n ?? 1) === 0;
}
