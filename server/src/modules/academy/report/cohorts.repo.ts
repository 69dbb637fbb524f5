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
  -- Cases and lifecycle events are read once per customer over the whole follow-up window,
  -- then placed in their month: far fewer index probes than one per customer and month.
  case_months as (
    select p.customer_id,
           ((extract(year from c.created_at at time zone 'UTC') - extract(year from p.month)) * 12
             + extract(month from c.created_at at time zone 'UTC') - extract(month from p.month))::int as k,
           count(*)::int as cases
      from people p join cases c
        on c.workspace_id = ${w} and c.customer_id = p.customer_id and c.merged_into_case_id is null
       and c.created_at >= (p.month + interval '1 month') at time zone 'UTC'
       and c.created_at < (p.month + make_interval(months => ${follow} + 1)) at time zone 'UTC'
     group by 1, 2
  ),
  -- Each customer's lifecycle as spans (an event holds until the next); a month's state is
  -- the span its end falls in: the latest event before it, as churnedAmong reads "latest".
  spans as (
    select l.customer_id, l.event, l.at,
           lead(l.at) over (partition by l.customer_id order by l.at, l.created_at) as until
      from customer_lifecycle_events l
     where l.workspace_id = ${w} and l.customer_id in (select customer_id from people)
  ),
  slot_life as (
    select s.customer_id, s.k, sp.event
      from slots s join spans sp
        on sp.customer_id = s.customer_id and sp.at < s.m_end and (sp.until is null or sp.until >= s.m_end)
  ),
  slot_figures as (
    select s.customer_id, s.trained, s.month, s.k, s.m_start, s.m_end,
           coalesce(cm.cases, 0) as cases, sl.event as lifecycle
      from slots s
      left join case_months cm on cm.customer_id = s.customer_id and cm.k = s.k
      left join slot_life sl on sl.customer_id = s.customer_id and sl.k = s.k
  )`;

export type CohortSize = { month: string; trained: number; untrained: number };
/** Per month after (pooled over cohorts): customers observed, their cases, and lifecycle states at its end. */
export type CurveRow = {
  k: number;
  trained: boolean;
  n: number;
  cases: number;
  with_lifecycle: number;
  retained: number;
};
/**
 * Per group, over each customer's observed months: the mean and variance of their monthly
 * contact rate; how many had a repeat contact in those months; and, of those with lifecycle
 * data by the end of their last observed month, how many had not churned.
 */
export type GroupRow = {
  trained: boolean;
  n: number;
  mean_rate: number | null;
  var_rate: number | null;
  repeaters: number;
  with_lifecycle: number;
  retained: number;
};

/** The three views in one statement, so the cohorts are built once (a CTE used thrice is materialised). */
export async function trainedFigures(scope: TenantScope, r: Range, follow: number, now: Date) {
  const w = scope.workspaceId;
  const { rows } = await sql<{
    sizes: CohortSize[] | null;
    curves: CurveRow[] | null;
    groups: GroupRow[] | null;
  }>`
    with ${cohortPeople(w, r, follow, now)},
    per as (
      select customer_id, trained, sum(cases)::float8 / count(*) as rate,
             min(m_start) as first_start, max(m_end) as last_end,
             (array_agg(lifecycle order by k desc))[1] as lifecycle
        from slot_figures group by customer_id, trained
    ),
    sizes as (
      select to_char(month, 'YYYY-MM') as month,
             count(*) filter (where trained)::int as trained, count(*) filter (where not trained)::int as untrained
        from people group by month
    ),
    curve as (
      select k, trained, count(*)::int as n, sum(cases)::int as cases,
             count(lifecycle)::int as with_lifecycle,
             count(*) filter (where lifecycle <> 'churned')::int as retained
        from slot_figures group by k, trained
    ),
    groups as (
      select trained, count(*)::int as n, avg(rate)::float8 as mean_rate, var_samp(rate)::float8 as var_rate,
             count(*) filter (where exists (
               select 1 from repeat_contacts rc
                where rc.workspace_id = ${w} and rc.customer_id = per.customer_id
                  and rc.detected_at >= per.first_start and rc.detected_at < per.last_end))::int as repeaters,
             count(lifecycle)::int as with_lifecycle,
             count(*) filter (where lifecycle <> 'churned')::int as retained
        from per group by trained
    )
    select (select json_agg(sizes order by month) from sizes) as sizes,
           (select json_agg(curve order by k, trained) from curve) as curves,
           (select json_agg(groups) from groups) as groups`.execute(scope.db);
  const row = rows[0];
  return { sizes: row?.sizes ?? [], curves: row?.curves ?? [], groups: row?.groups ?? [] };
}
