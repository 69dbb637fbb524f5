import { sql } from "kysely";
import type { TenantScope } from "../../platform/db/tenant.ts";

/**
 * A customer merge moves the duplicate's learning to the survivor (called by the customers'
 * merge inside its transaction). The tables are unique per learner, so where both had a row the
 * survivor keeps the furthest of the two: the earlier enrolment and completion, the higher
 * percent, the better registration. Quiz attempts are renumbered after the survivor's, so the
 * attempt limit counts both people's tries. A certificate for a course the survivor also holds
 * stays with the merged record: its code keeps verifying, and the survivor holds one already.
 */
export async function moveAcademyLearning(scope: TenantScope, duplicateId: string, survivorId: string) {
  const ws = scope.workspaceId;
  const db = scope.db;

  await sql`
    update academy_enrollments s
       set enrolled_at = least(s.enrolled_at, d.enrolled_at),
           completed_at = case when s.completed_at is null then d.completed_at
                               when d.completed_at is null then s.completed_at
                               else least(s.completed_at, d.completed_at) end,
           last_lesson_id = coalesce(s.last_lesson_id, d.last_lesson_id)
      from academy_enrollments d
     where s.workspace_id = ${ws} and d.workspace_id = ${ws}
       and s.customer_id = ${survivorId} and d.customer_id = ${duplicateId} and s.course_id = d.course_id`.execute(
    db,
  );
  await sql`
    delete from academy_enrollments d
     where d.workspace_id = ${ws} and d.customer_id = ${duplicateId}
       and exists (select 1 from academy_enrollments s
                    where s.customer_id = ${survivorId} and s.course_id = d.course_id)`.execute(db);
  await sql`update academy_enrollments set customer_id = ${survivorId}
             where workspace_id = ${ws} and customer_id = ${duplicateId}`.execute(db);

  await sql`
    update academy_lesson_progress s
       set percent = greatest(s.percent, d.percent),
           position_seconds = greatest(s.position_seconds, d.position_seconds),
           completed_via = coalesce(s.completed_via, d.completed_via),
           completed_at = case when s.completed_at is null then d.completed_at
                               when d.completed_at is null then s.completed_at
                               else least(s.completed_at, d.completed_at) end
      from academy_lesson_progress d
     where s.workspace_id = ${ws} and d.workspace_id = ${ws}
       and s.customer_id = ${survivorId} and d.customer_id = ${duplicateId} and s.lesson_id = d.lesson_id`.execute(
    db,
  );
  await sql`
    delete from academy_lesson_progress d
     where d.workspace_id = ${ws} and d.customer_id = ${duplicateId}
       and exists (select 1 from academy_lesson_progress s
                    where s.customer_id = ${survivorId} and s.lesson_id = d.lesson_id)`.execute(db);
  await sql`update academy_lesson_progress set customer_id = ${survivorId}
             where workspace_id = ${ws} and customer_id = ${duplicateId}`.execute(db);

  // Renumbered in two steps (far out of range, then into place) so no step collides.
  await sql`
    update academy_quiz_attempts d
       set attempt_number = d.attempt_number + 1000000
     where d.workspace_id = ${ws} and d.customer_id = ${duplicateId}`.execute(db);
  await sql`
    update academy_quiz_attempts d
       set customer_id = ${survivorId},
           attempt_number = d.attempt_number - 1000000 + coalesce((
             select max(s.attempt_number) from academy_quiz_attempts s
              where s.customer_id = ${survivorId} and s.lesson_id = d.lesson_id), 0)
     where d.workspace_id = ${ws} and d.customer_id = ${duplicateId}`.execute(db);

  await sql`
    update academy_certificates d set customer_id = ${survivorId}
     where d.workspace_id = ${ws} and d.customer_id = ${duplicateId}
       and (d.revoked_at is not null or not exists (
             select 1 from academy_certificates s
              where s.customer_id = ${survivorId} and s.revoked_at is null
                and (s.course_id = d.course_id or s.path_id = d.path_id)))`.execute(db);

  // Suggestions follow the person (unique per message and lesson, so no conflict is possible).
  await sql`update academy_lesson_suggestions set customer_id = ${survivorId}
             where workspace_id = ${ws} and customer_id = ${duplicateId}`.execute(db);

  // Registrations: the better one stays (attended, then confirmed, then waitlisted, then cancelled).
  await sql`
    delete from academy_registrations r
     where r.workspace_id = ${ws} and r.customer_id in (${survivorId}, ${duplicateId})
       and exists (
         select 1 from academy_registrations o
          where o.session_id = r.session_id and o.id <> r.id
            and o.customer_id in (${survivorId}, ${duplicateId})
            and (coalesce(o.attended, false), o.status = 'confirmed', o.status = 'waitlisted', o.customer_id = ${survivorId})
              > (coalesce(r.attended, false), r.status = 'confirmed', r.status = 'waitlisted', r.customer_id = ${survivorId}))`.execute(
    db,
  );
  await sql`update academy_registrations set customer_id = ${survivorId}
             where workspace_id = ${ws} and customer_id = ${duplicateId}`.execute(db);
}
