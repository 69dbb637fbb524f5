import type { CourseInput, CoursePatch } from "../../../../../contracts/academy-courses.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { audit } from "../../audit/audit.ts";
import { slugify } from "../../help/slugs.ts";
import { courseNotFound, moduleNotFound } from "./courses.policy.ts";
import {
  countsByCourse,
  findCourse,
  findModule,
  listCourseRows,
  loadCourse,
  nextPosition,
  presentCourseSummary,
  slugTaken,
  touchCourse,
} from "./courses.repo.ts";

/** Courses and their modules: the commands, one transaction each, every change audited. */
export type Ctx = Pick<AppContext, "db" | "files" | "config">;

const isUniqueViolation = (err: unknown) => (err as { code?: string } | null)?.code === "23505";
const slugConflict = () => new AppError("conflict", "Another course already uses this slug", "slug");

/** A free slug: the wanted one, or the same with -2, -3 … (import and create-from-title). */
export async function freeSlug(scope: TenantScope, wanted: string): Promise<string> {
  if (!(await slugTaken(scope, wanted))) return wanted;
  for (let n = 2; n < 1000; n++) {
    const candidate = `${wanted.slice(0, 110)}-${n}`;
    if (!(await slugTaken(scope, candidate))) return candidate;
  }
  throw slugConflict();
}

export async function listCourses(ctx: Ctx, actor: Actor) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const rows = await listCourseRows(scope);
  const counts = await countsByCourse(
    scope,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => presentCourseSummary(r, counts.get(r.id) ?? { modules: 0, lessons: 0 })),
  };
}

export async function getCourse(ctx: Ctx, actor: Actor, id: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const c = await findCourse(scope, id);
  if (!c) throw courseNotFound();
  return loadCourse(scope, c);
}

export async function createCourse(ctx: Ctx, actor: Actor, input: CourseInput) {
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const scope = new TenantScope(tx, actor.workspaceId);
      let slug: string;
      if (input.slug) {
        if (await slugTaken(scope, input.slug)) throw slugConflict();
        slug = input.slug;
      } else slug = await freeSlug(scope, slugify(input.title, "course"));
      const state = input.state ?? "draft";
      const row = await scope
        .insertInto("academy_courses", {
          slug,
          title: input.title,
          summary: input.summary ?? "",
          level: input.level ?? "beginner",
          duration_minutes: input.durationMinutes ?? null,
          product_models: input.productModels ?? [],
          state,
          is_free: input.isFree ?? true,
          created_by: actor.membershipId,
          published_at: state === "published" ? new Date() : null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(scope, {
        actorUserId: actor.userId,
        action: "academy.course.created",
        subjectType: "academy_course",
        subjectId: row.id,
        data: { title: row.title, slug: row.slug, state: row.state },
      });
      return loadCourse(scope, row);
    });
  } catch (err) {
    // Two authors creating the same slug at once: the unique key decides.
    if (isUniqueViolation(err)) throw slugConflict();
    throw err;
  }
}

export async function updateCourse(ctx: Ctx, actor: Actor, id: string, patch: CoursePatch) {
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const scope = new TenantScope(tx, actor.workspaceId);
      const before = await findCourse(scope, id, true);
      if (!before) throw courseNotFound();
      if (patch.slug !== undefined && patch.slug !== before.slug && (await slugTaken(scope, patch.slug, id)))
        throw slugConflict();
      const state = patch.state ?? before.state;
      const publishing = state === "published" && before.state !== "published";
      const row = await scope
        .updateTable("academy_courses")
        .set({
          ...(patch.title !== undefined && { title: patch.title }),
          ...(patch.slug !== undefined && { slug: patch.slug }),
          ...(patch.summary !== undefined && { summary: patch.summary }),
          ...(patch.level !== undefined && { level: patch.level }),
          ...(patch.durationMinutes !== undefined && { duration_minutes: patch.durationMinutes }),
          ...(patch.productModels !== undefined && { product_models: patch.productModels }),
          ...(patch.isFree !== undefined && { is_free: patch.isFree }),
          state,
          // The first publication's date stays: republishing after an archive does not reset it.
          ...(publishing && before.published_at === null && { published_at: new Date() }),
          updated_at: new Date(),
        })
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(scope, {
        actorUserId: actor.userId,
        action: state !== before.state ? `academy.course.${state}` : "academy.course.updated",
        subjectType: "academy_course",
        subjectId: id,
        data: { changed: Object.keys(patch), from: before.state, to: state },
      });
      return loadCourse(scope, row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw slugConflict();
    throw err;
  }
}

/** Deletes a course with its modules, lessons and questions; its files go with the orphan collector. */
export async function deleteCourse(ctx: Ctx, actor: Actor, id: string) {
  const keys = await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const before = await findCourse(scope, id, true);
    if (!before) throw courseNotFound();
    const videos = await scope
      .selectFrom("academy_lessons")
      .select("video_storage_key")
      .where("course_id", "=", id)
      .where("video_storage_key", "is not", null)
      .execute();
    await scope.deleteFrom("academy_courses").where("id", "=", id).execute();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "academy.course.deleted",
      subjectType: "academy_course",
      subjectId: id,
      data: { title: before.title, slug: before.slug, state: before.state },
    });
    return [before.cover_storage_key, ...videos.map((v) => v.video_storage_key)].filter(
      (k): k is string => k !== null,
    );
  });
  // After the commit: a rolled-back delete must still find its files.
  for (const key of keys) await ctx.files.delete(key).catch(() => undefined);
}

// ---- modules ----

export async function createModule(ctx: Ctx, actor: Actor, courseId: string, title: string) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const course = await findCourse(scope, courseId, true);
    if (!course) throw courseNotFound();
    const position = await nextPosition(scope, "academy_modules", "course_id", courseId);
    const row = await scope
      .insertInto("academy_modules", { course_id: courseId, title, position })
      .returningAll()
      .executeTakeFirstOrThrow();
    await touchCourse(scope, courseId);
    await audit(scope, {
      actorUserId: actor.userId,
      action: "academy.module.created",
      subjectType: "academy_module",
      subjectId: row.id,
      data: { courseId, title },
    });
    return { id: row.id, courseId, title: row.title, position: row.position, lessons: [] };
  });
}

async function moduleOrNotFound(scope: TenantScope, moduleId: string) {
  const m = await findModule(scope, moduleId);
  if (!m) throw moduleNotFound();
  return m;
}

export async function renameModule(ctx: Ctx, actor: Actor, moduleId: string, title: string) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const { course_id: courseId } = await moduleOrNotFound(scope, moduleId);
    await scope.updateTable("academy_modules").set({ title }).where("id", "=", moduleId).execute();
    await touchCourse(scope, courseId);
    await audit(scope, {
      actorUserId: actor.userId,
      action: "academy.module.updated",
      subjectType: "academy_module",
      subjectId: moduleId,
      data: { courseId, title },
    });
    const course = await findCourse(scope, courseId);
    if (!course) throw courseNotFound();
    const full = await loadCourse(scope, course);
    return full.modules.find((m) => m.id === moduleId) as (typeof full.modules)[number];
  });
}

export async function deleteModule(ctx: Ctx, actor: Actor, moduleId: string) {
  const keys = await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const m = await moduleOrNotFound(scope, moduleId);
    const courseId = m.course_id;
    const videos = await scope
      .selectFrom("academy_lessons")
      .select("video_storage_key")
      .where("module_id", "=", moduleId)
      .where("video_storage_key", "is not", null)
      .execute();
    await scope.deleteFrom("academy_modules").where("id", "=", moduleId).execute();
    await touchCourse(scope, courseId);
    await audit(scope, {
      actorUserId: actor.userId,
      action: "academy.module.deleted",
      subjectType: "academy_module",
      subjectId: moduleId,
      data: { courseId, title: m.title },
    });
    return videos.map((v) => v.video_storage_key as string);
  });
  for (const key of keys) await ctx.files.delete(key).catch(() => undefined);
}
