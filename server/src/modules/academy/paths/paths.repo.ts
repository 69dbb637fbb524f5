import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import type { CourseState } from "../schema-academy.ts";

/** The learning paths' reads and writes (academy_paths, academy_path_courses; migration 0060). */
export type PathRow = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  state: CourseState;
  created_at: Date;
  updated_at: Date;
};
export type PathCourseRow = {
  path_id: string;
  id: string;
  slug: string;
  title: string;
  state: CourseState;
  position: number;
};

const PATH_COLUMNS = ["id", "slug", "title", "summary", "state", "created_at", "updated_at"] as const;

export function listPaths(scope: TenantScope): Promise<PathRow[]> {
  return scope.selectFrom("academy_paths").select(PATH_COLUMNS).orderBy("title").limit(500).execute();
}

export function findPath(scope: TenantScope, id: string, lock = false): Promise<PathRow | undefined> {
  const q = scope.selectFrom("academy_paths").select(PATH_COLUMNS).where("id", "=", id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function coursesOfPaths(scope: TenantScope, pathIds: string[]): Promise<PathCourseRow[]> {
  if (pathIds.length === 0) return [];
  const { rows } = await sql<PathCourseRow>`
    select pc.path_id, c.id, c.slug, c.title, c.state, pc.position
      from academy_path_courses pc join academy_courses c on c.id = pc.course_id
     where pc.workspace_id = ${scope.workspaceId} and pc.path_id = any(${pathIds}::uuid[])
     order by pc.path_id, pc.position`.execute(scope.db);
  return rows;
}

/** Every course of the workspace, by title (bounded: a path editor's picker). */
export function allCourses(scope: TenantScope) {
  return scope
    .selectFrom("academy_courses")
    .select(["id", "title", "state"])
    .orderBy("title")
    .limit(1000)
    .execute();
}

/** The workspace's courses among `ids`, with their states (unknown ids are simply absent). */
export async function coursesByIds(scope: TenantScope, ids: string[]) {
  if (ids.length === 0) return [];
  return scope
    .selectFrom("academy_courses")
    .select(["id", "state", "title"])
    .where("id", "in", ids)
    .execute();
}

export function insertPath(scope: TenantScope, p: { slug: string; title: string; summary: string }) {
  return scope
    .insertInto("academy_paths", p)
    .onConflict((oc) => oc.columns(["workspace_id", "slug"]).doNothing())
    .returning("id")
    .executeTakeFirst();
}

/** Rewrites the path's course list whole, in the given order. */
export async function replacePathCourses(scope: TenantScope, pathId: string, courseIds: string[]) {
  await scope.deleteFrom("academy_path_courses").where("path_id", "=", pathId).execute();
  if (courseIds.length === 0) return;
  await scope.db
    .insertInto("academy_path_courses")
    .values(
      courseIds.map((courseId, i) => ({
        path_id: pathId,
        workspace_id: scope.workspaceId,
        course_id: courseId,
        position: i + 1,
      })),
    )
    .execute();
}

export function updatePath(
  scope: TenantScope,
  id: string,
  set: Partial<{ title: string; summary: string; state: CourseState }>,
) {
  return scope
    .updateTable("academy_paths")
    .set({ ...set, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function certificatesOfPath(scope: TenantScope, pathId: string): Promise<number> {
  const row = await scope
    .selectFrom("academy_certificates")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("path_id", "=", pathId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export function deletePath(scope: TenantScope, id: string) {
  return scope.deleteFrom("academy_paths").where("id", "=", id).executeTakeFirst();
}

/** Per course of the path: the learner's required lessons, those completed, and the course completion. */
export async function learnerProgress(scope: TenantScope, pathId: string, customerId: string) {
  const { rows } = await sql<{ course_id: string; required: number; done: number; completed: boolean }>`
    select pc.course_id,
           (select count(*)::int from academy_lessons l
             where l.workspace_id = pc.workspace_id and l.course_id = pc.course_id and l.required) as required,
           (select count(*)::int from academy_lessons l join academy_lesson_progress p
               on p.lesson_id = l.id and p.customer_id = ${customerId} and p.completed_at is not null
             where l.workspace_id = pc.workspace_id and l.course_id = pc.course_id and l.required) as done,
           exists (select 1 from academy_enrollments e
                    where e.workspace_id = pc.workspace_id and e.course_id = pc.course_id
                      and e.customer_id = ${customerId} and e.completed_at is not null) as completed
      from academy_path_courses pc
     where pc.workspace_id = ${scope.workspaceId} and pc.path_id = ${pathId}`.execute(scope.db);
  return new Map(rows.map((r) => [r.course_id, r]));
}

export async function heldPathCertificate(scope: TenantScope, pathId: string, customerId: string) {
  const row = await scope
    .selectFrom("academy_certificates")
    .select("code")
    .where("path_id", "=", pathId)
    .where("customer_id", "=", customerId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return row?.code ?? null;
}

/** Whether any published path contains the course (most completions end here). */
export async function publishedPathsWithCourse(scope: TenantScope, courseId: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from academy_path_courses pc join academy_paths p on p.id = pc.path_id
     where pc.workspace_id = ${scope.workspaceId} and pc.course_id = ${courseId} and p.state = 'published'`.execute(
    scope.db,
  );
  return (rows[0]?.n ?? 0) > 0;
}

/**
 * Published paths containing the course whose every course the customer has now completed
 * (the completion being recorded in this transaction counts).
 */
export async function pathsNowCompleted(scope: TenantScope, courseId: string, customerId: string) {
  const { rows } = await sql<{ id: string; title: string }>`
    select p.id, p.title from academy_paths p
     where p.workspace_id = ${scope.workspaceId} and p.state = 'published'
       and exists (select 1 from academy_path_courses pc where pc.path_id = p.id and pc.course_id = ${courseId})
       and not exists (
         select 1 from academy_path_courses pc
          where pc.path_id = p.id
            and not exists (select 1 from academy_enrollments e
                             where e.course_id = pc.course_id and e.customer_id = ${customerId}
                               and e.completed_at is not null))`.execute(scope.db);
  return rows;
}
