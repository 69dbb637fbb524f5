import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { TRAINED_FACT } from "../../retention/sources.ts";
import type { Range } from "./activity.repo.ts";

/**
 * Trained against untrained, in SQL (docs/academy-report: "Trained against untrained").
 * A customer's cohort month is the month (UTC) they became trained: the first course completion,
 * the first attended session's start, or the `academy_trained` fact's recording (the same
 * three sources as `trainedByAcademy`). Untrained customers are those never trained, by the
 * month they were created. Only cohort months inside the range are taken (at most two years),
 * and each customer is followed for the FOLLOW months after, as far as months have ended.
 */
const cohortPeople = (w: string, r: Range, follow: number, now: Date) => sql`
  trained_at as (
    select customer_id, min(at) as at from (
      select customer_id, completed_at as at from academy_enrollments
       where workspace_id = ${w} and completed_at is not null
      union all
      select g.customer_id, s.starts_at from academy_registrations g join academy_sessions s on s.id = g.session_id
       where g.workspace_id = ${w} and g.attended
      union all
      select customer_id, recorded_at from facts
       where workspace_id = ${w} and key = ${TRAINED_FACT} and superseded_at is null
         and lower(value #>> '{}') in ('true', 'yes')
    ) x group by customer_id
  ),
  people as (
    select c.id as customer_id, t.at is not null as trained,
           date_trunc('month', coalesce(t.at, c.created_at) at time zone 'UTC') as month
      from customers c left join trained_at t on t.customer_id = c.id
     where c.workspace_id = ${w} and c.merged_into is null
       and coalesce(t.at, c.created_at) >= ${r.start} and coalesce(t.at, c.created_at) < ${r.end}
  ),
  slots as (
    select p.customer_id, p.trained, p.month, k,
           (p.month + make_interval(months => k)) at time zone 'UTC' as m_start,
           (p.month + make_interval(months => k + 1)) at time zone 'UTC' as m_end
      from people p cross join generate_series(1, ${follow}) as k
     where (p.month + make_interval(months => k + 1)) at time zone 'UTC' <= ${now}
  ),
  case_months as (
    select s.customer_id, s.k, count(c.id)::int as cases
      from slots s join cases c
        on c.workspace_id = ${w} and c.customer_id = s.customer_id and c.merged_into_case_id is null
       and c.created_at >= s.m_start and c.created_at < s.m_end
     group by s.customer_id, s.k
  ),
  slot_figures as (
    select s.*, coalesce(cm.cases, 0) as cases,
           (select l.event from customer_lifecycle_events l
             where l.workspace_id = ${w} and l.customer_id = s.customer_id and l.at < s.m_end
             order by l.at desc, l.created_at desc limit 1) as lifecycle
      from slots s left join case_months cm on cm.customer_id = s.customer_id and cm.k = s.k
  )`;

export async function cohortSizes(scope: TenantScope, r: Range, follow: number, now: Date) {
  const { rows } = await sql<{ month: string; trained: number; untrained: number }>`
    with ${cohortPeople(scope.workspaceId, r, follow, now)}
    select to_char(month, 'YYYY-MM') as month,
           count(*) filter (where trained)::int as trained, count(*) filter (where not trained)::int as untrained
      from people group by month order by month`.execute(scope.db);
  return rows;
}

/** Per month after (pooled over cohorts): customers observed, their cases, and lifecycle states at its end. */
export async function curves(scope: TenantScope, r: Range, follow: number, now: Date) {
  const { rows } = await sql<{
    k: number;
    trained: boolean;
    n: number;
    cases: number;
    with_lifecycle: number;
    retained: number;
  }>`
    with ${cohortPeople(scope.workspaceId, r, follow, now)}
    select k, trained, count(*)::int as n, sum(cases)::int as cases,
           count(lifecycle)::int as with_lifecycle,
           count(*) filter (where lifecycle <> 'churned')::int as retained
      from slot_figures group by k, trained order by k`.execute(scope.db);
  return rows;
}

/**
 * Per group, over each customer's observed months: the mean and variance of their monthly
 * contact rate; how many had a repeat contact in those months; and, of those with lifecycle
 * data by the end of their last observed month, how many had not churned.
 */
export async function perCustomer(scope: TenantScope, r: Range, follow: number, now: Date) {
  const w = scope.workspaceId;
  const { rows } = await sql<{
    trained: boolean;
    n: number;
    mean_rate: number | null;
    var_rate: number | null;
    repeaters: number;
    with_lifecycle: number;
    retained: number;
  }>`
    with ${cohortPeople(w, r, follow, now)},
    per as (
      select customer_id, trained, sum(cases)::float8 / count(*) as rate,
             min(m_start) as first_start, max(m_end) as last_end,
             (array_agg(lifecycle order by k desc))[1] as lifecycle
        from slot_figures group by customer_id, trained
    )
    select trained, count(*)::int as n, avg(rate)::float8 as mean_rate, var_samp(rate)::float8 as var_rate,
           count(*) filter (where exists (
             select 1 from repeat_contacts rc
              where rc.workspace_id = ${w} and rc.customer_id = per.customer_id
                and rc.detected_at >= per.first_start and rc.detected_at < per.last_end))::int as repeaters,
           count(lifecycle)::int as with_lifecycle,
           count(*) filter (where lifecycle <> 'churned')::int as retained
      from per group by trained`.execute(scope.db);
  return rows;
}
