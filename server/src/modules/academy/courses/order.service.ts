import type { CourseOrder } from "../../../../../contracts/academy-courses.ts";
import type { Actor } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { audit } from "../../audit/audit.ts";
import { courseNotFound } from "./courses.policy.ts";
import { findCourse, lessonsOfCourse, loadCourse, modulesOf } from "./courses.repo.ts";
import type { Ctx } from "./courses.service.ts";

/**
 * Rewrites the whole nested order of a course at once (drag and drop sends what it shows).
 * The list must name exactly the course's modules and lessons, each once; lessons may move
 * to another module. The course row is locked, so two reorders (or a reorder and a new
 * lesson) cannot interleave and leave a lesson out.
 */
export async function reorderCourse(ctx: Ctx, actor: Actor, courseId: string, order: CourseOrder) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const course = await findCourse(scope, courseId, true);
    if (!course) throw courseNotFound();
    const modules = await modulesOf(scope, courseId);
    const lessons = await lessonsOfCourse(scope, courseId);
    const moduleIds = new Set(modules.map((m) => m.id));
    const lessonIds = new Set(lessons.map((l) => l.id));
    const seenModules = new Set<string>();
    const seenLessons = new Set<string>();
    order.modules.forEach((m, i) => {
      if (!moduleIds.has(m.id))
        throw new AppError("unprocessable", "This module is not in the course", `modules.${i}.id`);
      if (seenModules.has(m.id))
        throw new AppError("unprocessable", "This module is listed twice", `modules.${i}.id`);
      seenModules.add(m.id);
      m.lessons.forEach((id, j) => {
        const field = `modules.${i}.lessons.${j}`;
        if (!lessonIds.has(id))
          throw new AppError("unprocessable", "This lesson is not in the course", field);
        if (seenLessons.has(id)) throw new AppError("unprocessable", "This lesson is listed twice", field);
        seenLessons.add(id);
      });
    });
    if (seenModules.size !== moduleIds.size)
      throw new AppError("unprocessable", "List every module of the course", "modules");
    if (seenLessons.size !== lessonIds.size)
      throw new AppError("unprocessable", "List every lesson of the course", "modules");
    for (const [i, m] of order.modules.entries()) {
      await scope.updateTable("academy_modules").set({ position: i }).where("id", "=", m.id).execute();
      for (const [j, id] of m.lessons.entries())
        await scope
          .updateTable("academy_lessons")
          .set({ module_id: m.id, position: j, updated_at: new Date() })
          .where("id", "=", id)
          .execute();
    }
    const row = await scope
      .updateTable("academy_courses")
      .set({ updated_at: new Date() })
      .where("id", "=", courseId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "academy.course.reordered",
      subjectType: "academy_course",
      subjectId: courseId,
      data: { modules: order.modules.length, lessons: seenLessons.size },
    });
    return loadCourse(scope, row);
  });
}
