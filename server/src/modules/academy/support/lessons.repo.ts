import { sql } from "kysely";
import { portalLessonHref } from "../../../../../contracts/academy-support.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { AppError } from "../../../platform/http/errors.ts";

/**
 * Lessons as support sees them: found by words (the composer's picker) and checked before an
 * agent suggests or recommends one. Only lessons of published courses: a customer could not
 * open the others.
 */
export type LessonRef = {
  lessonId: string;
  lessonTitle: string;
  kind: string;
  courseId: string;
  courseSlug: string;
  courseTitle: string;
  href: string;
};

type Row = {
  lesson_id: string;
  lesson_title: string;
  kind: string;
  course_id: string;
  course_slug: string;
  course_title: string;
};

const toRef = (r: Row): LessonRef => ({
  lessonId: r.lesson_id,
  lessonTitle: r.lesson_title,
  kind: r.kind,
  courseId: r.course_id,
  courseSlug: r.course_slug,
  courseTitle: r.course_title,
  href: portalLessonHref(r.course_slug, r.lesson_id),
});

/**
 * The words of a query as a prefix tsquery ("spea wifi" → 'spea':* & 'wifi':*), so the picker
 * finds lessons while the agent types. Only letters and digits reach to_tsquery: nothing the
 * agent types can be tsquery syntax. Null when no word is left.
 */
export function prefixQuery(q: string): string | null {
  const words = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  return words.length ? words.map((w) => `'${w}':*`).join(" & ") : null;
}

/**
 * Full-text search over lessons' titles and bodies (the same expression as the GIN index of
 * migration 0060, `simple` configuration so every language matches), best rank first, titles
 * weighing more than bodies. With the excerpt around the first matched word.
 */
export async function searchLessons(scope: TenantScope, q: string, limit: number) {
  const tsq = prefixQuery(q);
  if (!tsq) return [];
  const r = await sql<Row & { body: string }>`
    select l.id as lesson_id, l.title as lesson_title, l.kind, c.id as course_id,
           c.slug as course_slug, c.title as course_title, left(l.body_md, 20000) as body
      from academy_lessons l join academy_courses c on c.id = l.course_id
     where l.workspace_id = ${scope.workspaceId} and c.state = 'published'
       and to_tsvector('simple', l.title || ' ' || left(l.body_md, 20000)) @@ to_tsquery('simple', ${tsq})
     order by ts_rank(setweight(to_tsvector('simple', l.title), 'A') ||
                      setweight(to_tsvector('simple', left(l.body_md, 20000)), 'D'),
                      to_tsquery('simple', ${tsq})) desc, l.title
     limit ${limit}`.execute(scope.db);
  return r.rows.map((row) => ({ ...toRef(row), excerpt: excerptOf(row.body, q) }));
}

/** ~160 characters of the body around the first word of the query, markdown marks dropped. */
export function excerptOf(body: string, q: string): string {
  const plain = body
    .replace(/[#*_`>[\]()!]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const first = prefixQuery(q)?.match(/'([^']+)'/)?.[1] ?? "";
  const at = first ? plain.toLowerCase().indexOf(first) : -1;
  const start = Math.max(0, at - 60);
  const cut = plain.slice(start, start + 160);
  return `${start > 0 ? "…" : ""}${cut}${start + 160 < plain.length ? "…" : ""}`;
}

/** A lesson of a published course of this workspace, or 422 naming `field`. */
export async function publishedLesson(scope: TenantScope, lessonId: string, field = "lessonId") {
  const r = await sql<Row & { state: string }>`
    select l.id as lesson_id, l.title as lesson_title, l.kind, c.id as course_id,
           c.slug as course_slug, c.title as course_title, c.state
      from academy_lessons l join academy_courses c on c.id = l.course_id
     where l.workspace_id = ${scope.workspaceId} and l.id = ${lessonId}`.execute(scope.db);
  const row = r.rows[0];
  if (!row) throw new AppError("unprocessable", "No lesson of this workspace has that id", field);
  if (row.state !== "published")
    throw new AppError(
      "unprocessable",
      "The lesson's course is not published: customers could not open it",
      field,
    );
  return toRef(row);
}

/** Lessons by id, whatever their course's state (for lists of what was suggested). */
export async function lessonRefs(scope: TenantScope, ids: string[]): Promise<Map<string, LessonRef>> {
  if (ids.length === 0) return new Map();
  const r = await sql<Row>`
    select l.id as lesson_id, l.title as lesson_title, l.kind, c.id as course_id,
           c.slug as course_slug, c.title as course_title
      from academy_lessons l join academy_courses c on c.id = l.course_id
     where l.workspace_id = ${scope.workspaceId} and l.id = any(${ids}::uuid[])`.execute(scope.db);
  return new Map(r.rows.map((row) => [row.lesson_id, toRef(row)]));
}
