import type { Actor } from "../../../platform/context.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { type CourseRow, findCourse, findEnrollment, findLesson } from "./learning.repo.ts";

/** Which courses and lessons a learner (or an author previewing) may open. */

export const canAuthor = (actor: Actor) => actor.permissions.includes("academy.manage");

/**
 * Learners see published courses; an archived course stays readable for those enrolled (their
 * certificates stay valid too); drafts only for authors. Anything else is a plain 404.
 */
export async function assertReadable(
  scope: TenantScope,
  actor: Actor,
  course: CourseRow | undefined,
  learnerId: string | null,
): Promise<CourseRow> {
  if (!course) throw new AppError("not_found", "Course was not found");
  if (course.state === "published" || canAuthor(actor)) return course;
  if (course.state === "archived" && learnerId && (await findEnrollment(scope, course.id, learnerId)))
    return course;
  throw new AppError("not_found", "Course was not found");
}

/** A lesson and its course, readable by this actor (404 otherwise, whatever the reason). */
export async function readableLesson(
  scope: TenantScope,
  actor: Actor,
  lessonId: string,
  learnerId: string | null,
) {
  const lesson = await findLesson(scope, lessonId);
  if (!lesson) throw new AppError("not_found", "Lesson was not found", "lessonId");
  const course = await assertReadable(
    scope,
    actor,
    await findCourse(scope, lesson.course_id),
    learnerId,
  ).catch(() => {
    throw new AppError("not_found", "Lesson was not found", "lessonId");
  });
  return { lesson, course };
}
