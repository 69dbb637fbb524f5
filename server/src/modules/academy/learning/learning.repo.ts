import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import type { CourseLevel, CourseState, LessonKind } from "../schema-academy.ts";

/** SQL of the learner side. Every query is filtered by the scope's workspace. */

export type CourseRow = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  level: CourseLevel;
  duration_minutes: number | null;
  state: CourseState;
};

const courseColumns = ["id", "slug", "title", "summary", "level", "duration_minutes", "state"] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A course by its slug or its id (either is accepted in URLs). */
export async function findCourse(scope: TenantScope, key: string): Promise<CourseRow | undefined> {
  const q = scope.selectFrom("academy_courses").select(courseColumns);
  return (UUID.test(key) ? q.where("id", "=", key) : q.where("slug", "=", key)).executeTakeFirst();
}

export async function findEnrollment(scope: TenantScope, courseId: string, customerId: string) {
  return scope
    .selectFrom("academy_enrollments")
    .select(["id", "enrolled_at", "completed_at", "last_lesson_id"])
    .where("course_id", "=", courseId)
    .where("customer_id", "=", customerId)
    .executeTakeFirst();
}

export async function insertEnrollment(scope: TenantScope, courseId: string, customerId: string) {
  await scope
    .insertInto("academy_enrollments", { course_id: courseId, customer_id: customerId })
    .onConflict((oc) => oc.columns(["course_id", "customer_id", "workspace_id"]).doNothing())
    .execute();
}

/** A customer's enrolments with the share of required lessons complete, newest first. */
export async function listEnrollments(scope: TenantScope, customerId: string) {
  const rows = await sql<{
    course_id: string;
    slug: string;
    title: string;
    summary: string;
    level: CourseLevel;
    enrolled_at: Date;
    completed_at: Date | null;
    last_lesson_id: string | null;
    required: number;
    done: number;
  }>`
    select e.course_id, c.slug, c.title, c.summary, c.level, e.enrolled_at, e.completed_at, e.last_lesson_id,
           (select count(*)::int from academy_lessons l where l.course_id = e.course_id and l.required) as required,
           (select count(*)::int from academy_lessons l join academy_lesson_progress p
               on p.lesson_id = l.id and p.customer_id = e.customer_id and p.completed_at is not null
             where l.course_id = e.course_id and l.required) as done
      from academy_enrollments e join academy_courses c on c.id = e.course_id
     where e.workspace_id = ${scope.workspaceId} and e.customer_id = ${customerId} and c.state <> 'draft'
     order by e.enrolled_at desc, e.id`.execute(scope.db);
  return rows.rows;
}

export type LessonRow = {
  id: string;
  module_id: string;
  module_title: string;
  title: string;
  kind: LessonKind;
  required: boolean;
  percent: number;
  position_seconds: number;
  completed_at: Date | null;
};

/** The course's lessons in reading order (module position, then lesson position) with the learner's progress. */
export async function lessonsWithProgress(
  scope: TenantScope,
  courseId: string,
  customerId: string,
): Promise<LessonRow[]> {
  const rows = await sql<LessonRow>`
    select l.id, l.module_id, m.title as module_title, l.title, l.kind, l.required,
           coalesce(p.percent, 0) as percent, coalesce(p.position_seconds, 0) as position_seconds, p.completed_at
      from academy_lessons l
      join academy_modules m on m.id = l.module_id
      left join academy_lesson_progress p on p.lesson_id = l.id and p.customer_id = ${customerId}
     where l.workspace_id = ${scope.workspaceId} and l.course_id = ${courseId}
     order by m.position, m.created_at, l.position, l.created_at`.execute(scope.db);
  return rows.rows;
}

/** Modules in order, including empty ones. */
export async function modulesOf(scope: TenantScope, courseId: string) {
  return scope
    .selectFrom("academy_modules")
    .select(["id", "title"])
    .where("course_id", "=", courseId)
    .orderBy("position")
    .orderBy("created_at")
    .execute();
}

export async function findLesson(scope: TenantScope, lessonId: string) {
  return scope.selectFrom("academy_lessons").selectAll().where("id", "=", lessonId).executeTakeFirst();
}

export async function linkTarget(scope: TenantScope, kind: "article" | "playbook", id: string) {
  if (kind === "article") {
    return scope
      .selectFrom("help_articles")
      .select(["slug", "title", "locale"])
      .where("id", "=", id)
      .executeTakeFirst();
  }
  return scope
    .selectFrom("playbooks")
    .select(["slug", "name as title"])
    .where("id", "=", id)
    .executeTakeFirst();
}
