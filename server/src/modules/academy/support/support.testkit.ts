import { sql } from "kysely";
import type { TestServer } from "../../../../test/harness.ts";

/**
 * Courses seeded through SQL for the support tests (the authoring API is another part). One
 * module, with the lessons given, in the given state.
 */
export async function seedCourse(
  server: TestServer,
  workspaceId: string,
  c: {
    slug: string;
    title: string;
    state: "draft" | "published" | "archived";
    summary?: string;
    lessons: Array<{ title: string; body: string; kind?: "text" | "quiz" }>;
  },
) {
  const db = server.runtime.ctx.db;
  const course = await sql<{ id: string }>`
    insert into academy_courses (workspace_id, slug, title, summary, state, level, duration_minutes, published_at)
    values (${workspaceId}, ${c.slug}, ${c.title}, ${c.summary ?? ""}, ${c.state}, 'beginner', 45,
            ${c.state === "published" ? new Date() : null})
    returning id`.execute(db);
  const courseId = course.rows[0]?.id as string;
  const mod = await sql<{ id: string }>`
    insert into academy_modules (workspace_id, course_id, title, position)
    values (${workspaceId}, ${courseId}, 'Getting started', 0) returning id`.execute(db);
  const lessonIds: string[] = [];
  for (const [i, l] of c.lessons.entries()) {
    const row = await sql<{ id: string }>`
      insert into academy_lessons (workspace_id, course_id, module_id, title, kind, position, body_md)
      values (${workspaceId}, ${courseId}, ${mod.rows[0]?.id}, ${l.title}, ${l.kind ?? "text"}, ${i}, ${l.body})
      returning id`.execute(db);
    lessonIds.push(row.rows[0]?.id as string);
  }
  return { courseId, lessonIds };
}
