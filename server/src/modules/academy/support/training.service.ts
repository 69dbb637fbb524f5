import { sql } from "kysely";
import type { CustomerTraining } from "../../../../../contracts/academy-support.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { notFound } from "../../../platform/http/errors.ts";
import { iso } from "../../../platform/http/route-kit.ts";
import { listSuggestions } from "./suggestions.service.ts";

/**
 * A customer's training for the customer panel (staff only): courses (percent of required
 * lessons complete, or completed), certificates (revoked ones kept and marked, with their
 * public verify page), live sessions registered or attended, and lessons suggested to them.
 */
export async function customerTraining(scope: TenantScope, customerId: string): Promise<CustomerTraining> {
  const customer = await scope
    .selectFrom("customers")
    .select("id")
    .where("id", "=", customerId)
    .executeTakeFirst();
  if (!customer) throw notFound("Customer");
  const [courses, certificates, sessions, suggestions] = await Promise.all([
    sql<{
      course_id: string;
      title: string;
      slug: string;
      enrolled_at: Date;
      completed_at: Date | null;
      percent: number;
    }>`
      select e.course_id, c.title, c.slug, e.enrolled_at, e.completed_at,
             case when e.completed_at is not null then 100
                  else coalesce((
                    select (100 * count(p.completed_at) / nullif(count(*), 0))::int
                      from academy_lessons l
                      left join academy_lesson_progress p on p.lesson_id = l.id and p.customer_id = e.customer_id
                     where l.course_id = e.course_id and l.required), 0) end as percent
        from academy_enrollments e join academy_courses c on c.id = e.course_id
       where e.workspace_id = ${scope.workspaceId} and e.customer_id = ${customerId}
       order by e.completed_at desc nulls first, e.enrolled_at desc`.execute(scope.db),
    scope
      .selectFrom("academy_certificates")
      .select(["id", "title", "code", "issued_at", "revoked_at", "revoked_reason"])
      .where("customer_id", "=", customerId)
      .orderBy("issued_at", "desc")
      .execute(),
    sql<{ session_id: string; title: string; starts_at: Date; status: string; attended: boolean | null }>`
      select r.session_id, s.title, s.starts_at, r.status, r.attended
        from academy_registrations r join academy_sessions s on s.id = r.session_id
       where r.workspace_id = ${scope.workspaceId} and r.customer_id = ${customerId}
       order by s.starts_at desc`.execute(scope.db),
    listSuggestions(scope, { customerId }),
  ]);
  return {
    courses: courses.rows.map((c) => ({
      courseId: c.course_id,
      title: c.title,
      slug: c.slug,
      percent: c.percent,
      completedAt: iso(c.completed_at),
      enrolledAt: iso(c.enrolled_at),
    })),
    certificates: certificates.map((c) => ({
      id: c.id,
      title: c.title,
      code: c.code,
      issuedAt: iso(c.issued_at),
      revokedAt: iso(c.revoked_at),
      verifyHref: `/academy/verify/${c.code}`,
      revokedReason: c.revoked_reason,
    })),
    sessions: sessions.rows.map((s) => ({
      sessionId: s.session_id,
      title: s.title,
      startsAt: iso(s.starts_at),
      status: s.status,
      attended: s.attended,
    })),
    suggestions,
  };
}
