import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";

/**
 * The academy report's counts over a range (whole UTC days, end exclusive). Each is one
 * aggregate query on indexed columns, so a large workspace costs a scan of the range only.
 */
export type Range = { start: Date; end: Date };

export async function totals(scope: TenantScope, r: Range) {
  const w = scope.workspaceId;
  const { rows } = await sql<{
    registrations: number;
    attended: number;
    enrollments: number;
    completions: number;
    certificates: number;
  }>`
    select
      (select count(*)::int from academy_registrations
        where workspace_id = ${w} and created_at >= ${r.start} and created_at < ${r.end}) as registrations,
      (select count(*)::int from academy_registrations g join academy_sessions s on s.id = g.session_id
        where g.workspace_id = ${w} and g.attended and s.starts_at >= ${r.start} and s.starts_at < ${r.end}) as attended,
      (select count(*)::int from academy_enrollments
        where workspace_id = ${w} and enrolled_at >= ${r.start} and enrolled_at < ${r.end}) as enrollments,
      (select count(*)::int from academy_enrollments
        where workspace_id = ${w} and completed_at >= ${r.start} and completed_at < ${r.end}) as completions,
      (select count(*)::int from academy_certificates
        where workspace_id = ${w} and issued_at >= ${r.start} and issued_at < ${r.end}) as certificates`.execute(
    scope.db,
  );
  return rows[0] ?? { registrations: 0, attended: 0, enrollments: 0, completions: 0, certificates: 0 };
}

/** Per course: learners enrolled in the range and how many of them have completed it by now. */
export async function courseCompletion(scope: TenantScope, r: Range) {
  const { rows } = await sql<{ course_id: string; title: string; enrollments: number; completed: number }>`
    select c.id as course_id, c.title,
           count(e.id)::int as enrollments, count(e.completed_at)::int as completed
      from academy_courses c
      left join academy_enrollments e
        on e.course_id = c.id and e.enrolled_at >= ${r.start} and e.enrolled_at < ${r.end}
     where c.workspace_id = ${scope.workspaceId} and (c.state = 'published' or e.id is not null)
     group by c.id, c.title
     order by count(e.id) desc, c.title
     limit 200`.execute(scope.db);
  return rows;
}

/**
 * Drop-off: for learners enrolled in the range, the furthest lesson (in course order: module
 * position, then lesson position) they have any progress on. `reached` counts learners whose
 * furthest lesson is this one or later; `stopped` those whose furthest is this one and who
 * have not completed the course. Learners with no progress at all are `ord` null.
 */
export async function dropOff(scope: TenantScope, r: Range, courseIds: string[]) {
  if (courseIds.length === 0) return { lessons: [], notStarted: [] };
  const w = scope.workspaceId;
  const ordered = sql`
    select l.id, l.course_id, l.title,
           row_number() over (partition by l.course_id order by m.position, l.position, l.id)::int as ord
      from academy_lessons l join academy_modules m on m.id = l.module_id
     where l.workspace_id = ${w} and l.course_id = any(${courseIds}::uuid[])`;
  // One pass: each enrollment joined to its progress rows, furthest lesson by course order.
  const furthest = sql`
    select e.course_id, e.completed_at is not null as completed, max(o.ord) as ord
      from academy_enrollments e
      left join academy_lesson_progress p
        on p.workspace_id = ${w} and p.customer_id = e.customer_id and p.course_id = e.course_id
      left join ordered o on o.id = p.lesson_id
     where e.workspace_id = ${w} and e.course_id = any(${courseIds}::uuid[])
       and e.enrolled_at >= ${r.start} and e.enrolled_at < ${r.end}
     group by e.id, e.course_id, e.completed_at`;
  const lessons = await sql<{
    course_id: string;
    lesson_id: string;
    title: string;
    ord: number;
    reached: number;
    stopped: number;
  }>`
    with ordered as (${ordered}), furthest as (${furthest}),
    hist as (
      select course_id, ord, count(*)::int as total, count(*) filter (where not completed)::int as stopped
        from furthest where ord is not null group by course_id, ord
    )
    select o.course_id, o.id as lesson_id, o.title, o.ord,
           (sum(coalesce(h.total, 0)) over (partition by o.course_id order by o.ord desc))::int as reached,
           coalesce(h.stopped, 0)::int as stopped
      from ordered o left join hist h on h.course_id = o.course_id and h.ord = o.ord
     order by o.course_id, o.ord`.execute(scope.db);
  const notStarted = await sql<{ course_id: string; n: number }>`
    with ordered as (${ordered}), furthest as (${furthest})
    select course_id, count(*)::int as n from furthest where ord is null group by course_id`.execute(
    scope.db,
  );
  return { lessons: lessons.rows, notStarted: notStarted.rows };
}

/** The questions most often answered wrongly in attempts submitted in the range. */
export async function failedQuestions(scope: TenantScope, r: Range, limit = 10) {
  const { rows } = await sql<{
    question_id: string;
    prompt: string;
    lesson_title: string;
    course_title: string;
    answers: number;
    wrong: number;
  }>`
    select q.id as question_id, q.prompt, l.title as lesson_title, c.title as course_title,
           count(*)::int as answers, count(*) filter (where not a.correct)::int as wrong
      from academy_quiz_answers a
      join academy_quiz_attempts t on t.id = a.attempt_id
      join academy_quiz_questions q on q.id = a.question_id
      join academy_lessons l on l.id = q.lesson_id
      join academy_courses c on c.id = l.course_id
     where a.workspace_id = ${scope.workspaceId} and t.submitted_at >= ${r.start} and t.submitted_at < ${r.end}
     group by q.id, q.prompt, l.title, c.title
    having count(*) filter (where not a.correct) > 0
     order by wrong desc, count(*) filter (where not a.correct)::float8 / count(*) desc, q.id
     limit ${limit}`.execute(scope.db);
  return rows;
}
