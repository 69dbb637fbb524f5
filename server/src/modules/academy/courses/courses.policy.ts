import type { Actor } from "../../../platform/context.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { findCustomerForUser } from "../../customers/customers.repo.ts";
import type { CourseRow } from "./courses.repo.ts";

/**
 * Who may do what in authoring. Routes already require `academy.manage` for every change;
 * this file decides who may watch a lesson's video or read its captions: staff of the
 * workspace always (they preview drafts), signed-in customers when the course is published,
 * or archived and they are enrolled. Anything else answers 404, never 403, so a course's
 * existence does not leak.
 */
export const isStaff = (actor: Actor) => actor.permissions.includes("app.use");

export const courseNotFound = (field?: string) => new AppError("not_found", "Course was not found", field);
export const moduleNotFound = (field?: string) => new AppError("not_found", "Module was not found", field);
export const lessonNotFound = (field?: string) => new AppError("not_found", "Lesson was not found", field);
export const questionNotFound = () => new AppError("not_found", "Question was not found");

export async function canWatchCourse(scope: TenantScope, actor: Actor, course: CourseRow): Promise<boolean> {
  if (isStaff(actor)) return true;
  if (!actor.permissions.includes("portal.use")) return false;
  if (course.state === "published") return true;
  if (course.state !== "archived") return false;
  const customer = await findCustomerForUser(scope, actor.userId);
  if (!customer) return false;
  const enrolled = await scope
    .selectFrom("academy_enrollments")
    .select("id")
    .where("course_id", "=", course.id)
    .where("customer_id", "=", customer.id)
    .executeTakeFirst();
  return enrolled !== undefined;
}
