import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";

/**
 * What the public academy pages read: published courses and paths only. Draft and archived
 * courses never appear here (an archived course stays readable to its learners in the portal).
 */
export type CourseRow = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  level: "beginner" | "intermediate" | "advanced";
  duration_minutes: number | null;
  cover_storage_key: string | null;
  product_models: string[];
  lesson_count: number;
  updated_at: Date;
};

const courseColumns = sql`c.id, c.slug, c.title, c.summary, c.level, c.duration_minutes,
  c.cover_storage_key, c.product_models, c.updated_at,
  (select count(*)::int from academy_lessons l where l.course_id = c.id) as lesson_count`;

export async function publishedCourses(scope: TenantScope): Promise<CourseRow[]> {
  const r = await sql<CourseRow>`
    select ${courseColumns} from academy_courses c
     where c.workspace_id = ${scope.workspaceId} and c.state = 'published'
     order by c.published_at desc nulls last, c.title`.execute(scope.db);
  return r.rows;
}

export async function publishedCourse(scope: TenantScope, slug: string): Promise<CourseRow | undefined> {
  const r = await sql<CourseRow>`
    select ${courseColumns} from academy_courses c
     where c.workspace_id = ${scope.workspaceId} and c.state = 'published' and c.slug = ${slug}`.execute(
    scope.db,
  );
  return r.rows[0];
}

/** The course's outline: modules in order, each with its lessons' titles (never their content). */
export async function courseOutline(scope: TenantScope, courseId: string) {
  const [modules, lessons] = await Promise.all([
    scope
      .selectFrom("academy_modules")
      .select(["id", "title"])
      .where("course_id", "=", courseId)
      .orderBy("position")
      .execute(),
    scope
      .selectFrom("academy_lessons")
      .select(["module_id", "title", "kind", "required"])
      .where("course_id", "=", courseId)
      .orderBy("position")
      .execute(),
  ]);
  return modules.map((m) => ({
    title: m.title,
    lessons: lessons
      .filter((l) => l.module_id === m.id)
      .map((l) => ({ title: l.title, kind: l.kind, required: l.required })),
  }));
}

/** Published learning paths with their published courses' titles, in path order. */
export async function publishedPaths(scope: TenantScope) {
  const r = await sql<{ slug: string; title: string; summary: string; course_titles: string[] | null }>`
    select p.slug, p.title, p.summary,
           array_agg(c.title order by pc.position) filter (where c.id is not null) as course_titles
      from academy_paths p
      left join academy_path_courses pc on pc.path_id = p.id
      left join academy_courses c on c.id = pc.course_id and c.state = 'published'
     where p.workspace_id = ${scope.workspaceId} and p.state = 'published'
     group by p.id, p.workspace_id order by p.title`.execute(scope.db);
  return r.rows.map((p) => ({
    slug: p.slug,
    title: p.title,
    summary: p.summary,
    courseTitles: p.course_titles ?? [],
  }));
}
