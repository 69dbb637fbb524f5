import { sql } from "kysely";
import type { TenantScope } from "../../platform/db/tenant.ts";

/**
 * The retention part's reads. Facts of other parts come only from the shared tables
 * (survey_responses, repeat_contacts) and the core ones (cases, timeline, community).
 * "Solved at" is the first `case.status_changed` to solved or closed on the timeline: every
 * path that changes a status (patch, bulk, reply and solve, email and portal reopen) appends
 * that event, so the timeline is the one place that sees them all.
 */
export type Range = { start: Date; end: Date };

const latestBefore = (w: string, bound: Date, withValue: boolean) => sql`
  select distinct on (customer_id) customer_id, event, value from customer_lifecycle_events
   where workspace_id = ${w} and at < ${bound} ${withValue ? sql`and value is not null` : sql``}
   order by customer_id, at desc, created_at desc`;

/** Customers active (latest event not churned) at the start, with their state at the end. */
export async function activeAtStart(scope: TenantScope, r: Range) {
  const w = scope.workspaceId;
  const { rows } = await sql<{
    customer_id: string;
    retained: boolean;
    start_value: string | null;
    end_value: string | null;
  }>`
    with s as (${latestBefore(w, r.start, false)}),
         e as (${latestBefore(w, r.end, false)}),
         sv as (${latestBefore(w, r.start, true)}),
         ev as (${latestBefore(w, r.end, true)})
    select s.customer_id, e.event <> 'churned' as retained, sv.value as start_value,
           case when e.event = 'churned' then 0 else ev.value end as end_value
      from s join e using (customer_id)
      left join sv using (customer_id) left join ev using (customer_id)
     where s.event <> 'churned'`.execute(scope.db);
  return rows;
}

export async function repeatCustomers(scope: TenantScope, r: Range, ids: string[]) {
  const { rows } = await sql<{ customer_id: string }>`
    select distinct customer_id from repeat_contacts
     where workspace_id = ${scope.workspaceId} and customer_id = any(${ids}::uuid[])
       and detected_at >= ${r.start} and detected_at < ${r.end}`.execute(scope.db);
  return new Set(rows.map((x) => x.customer_id));
}

/** Per customer, the worst CSAT sentiment they gave in the range. */
export async function csatByCustomer(scope: TenantScope, r: Range, ids: string[]) {
  const { rows } = await sql<{ customer_id: string; negative: boolean; neutral: boolean }>`
    select customer_id, bool_or(sentiment = 'negative') as negative, bool_or(sentiment = 'neutral') as neutral
      from survey_responses
     where workspace_id = ${scope.workspaceId} and kind = 'csat' and customer_id = any(${ids}::uuid[])
       and responded_at >= ${r.start} and responded_at < ${r.end}
     group by customer_id`.execute(scope.db);
  return new Map(
    rows.map((x) => [x.customer_id, x.negative ? "negative" : x.neutral ? "neutral" : "positive"]),
  );
}

/** Per customer, the median hours from opening to solving of their cases opened in the range. */
export async function resolutionHoursByCustomer(scope: TenantScope, r: Range, ids: string[]) {
  const { rows } = await sql<{ customer_id: string; hours: number }>`
    select c.customer_id,
           percentile_cont(0.5) within group (order by extract(epoch from (s.solved_at - c.created_at)) / 3600)::float8 as hours
      from cases c
      join lateral (
        select min(t.occurred_at) as solved_at from timeline_events t
         where t.workspace_id = c.workspace_id and t.case_id = c.id and t.kind = 'case.status_changed'
           and t.data->>'to' in ('solved', 'closed')
      ) s on s.solved_at is not null
     where c.workspace_id = ${scope.workspaceId} and c.customer_id = any(${ids}::uuid[])
       and c.created_at >= ${r.start} and c.created_at < ${r.end} and c.merged_into_case_id is null
     group by c.customer_id`.execute(scope.db);
  return new Map(rows.map((x) => [x.customer_id, Number(x.hours)]));
}

export async function communityCustomers(scope: TenantScope, r: Range, ids: string[]) {
  const { rows } = await sql<{ customer_id: string }>`
    select distinct m.customer_id from community_posts p
      join community_members m on m.id = p.author_member_id
     where p.workspace_id = ${scope.workspaceId} and m.customer_id = any(${ids}::uuid[])
       and p.created_at >= ${r.start} and p.created_at < ${r.end}`.execute(scope.db);
  return new Set(rows.map((x) => x.customer_id));
}

/**
 * Offers made in the range by outcome, with the CSAT answers on their cases; "none" is the
 * baseline: cases solved in the range that carry no offer.
 */
export async function offerOutcomes(scope: TenantScope, r: Range) {
  const w = scope.workspaceId;
  const { rows } = await sql<{
    status: string;
    count: number;
    responses: number;
    positive: number;
    negative: number;
  }>`
    with offered as (
      select status, case_id from retention_offers where workspace_id = ${w} and created_at >= ${r.start} and created_at < ${r.end}
    ), plain as (
      select distinct t.case_id from timeline_events t
       where t.workspace_id = ${w} and t.kind = 'case.status_changed' and t.data->>'to' in ('solved', 'closed')
         and t.occurred_at >= ${r.start} and t.occurred_at < ${r.end}
         and not exists (select 1 from retention_offers o where o.workspace_id = ${w} and o.case_id = t.case_id)
    ), groups as (
      select status, case_id from offered union all select 'none', case_id from plain
    ), answers as (
      select case_id, sentiment from survey_responses where workspace_id = ${w} and kind = 'csat'
    )
    select g.status, count(distinct g.case_id)::int as count,
           count(a.sentiment)::int as responses,
           count(*) filter (where a.sentiment = 'positive')::int as positive,
           count(*) filter (where a.sentiment = 'negative')::int as negative
      from groups g left join answers a on a.case_id = g.case_id
     group by g.status`.execute(scope.db);
  return rows;
}

/** Cohort sizes by the month (UTC) of each customer's first subscription within the range. */
export async function cohortCurves(scope: TenantScope, r: Range, now: Date) {
  const w = scope.workspaceId;
  const sizes = await sql<{ month: string; size: number }>`
    with firsts as (
      select customer_id, min(at) as first_at from customer_lifecycle_events
       where workspace_id = ${w} and event = 'subscribed' group by customer_id
    )
    select to_char(date_trunc('month', first_at at time zone 'UTC'), 'YYYY-MM') as month, count(*)::int as size
      from firsts where first_at >= ${r.start} and first_at < ${r.end}
     group by 1 order by 1`.execute(scope.db);
  // Month k's point: still not churned at the end of the k-th month after joining; only
  // months that have ended by now get a point.
  const points = await sql<{ month: string; k: number; retained: number }>`
    with firsts as (
      select customer_id, min(at) as first_at from customer_lifecycle_events
       where workspace_id = ${w} and event = 'subscribed' group by customer_id
    ), cohort as (
      select customer_id, date_trunc('month', first_at at time zone 'UTC') as month from firsts
       where first_at >= ${r.start} and first_at < ${r.end}
    ), ends as (
      select c.customer_id, c.month, k, (c.month + make_interval(months => k + 1)) at time zone 'UTC' as month_end
        from cohort c cross join generate_series(0, 24) as k
       where (c.month + make_interval(months => k + 1)) at time zone 'UTC' <= ${now}
    )
    select to_char(e.month, 'YYYY-MM') as month, e.k,
           count(*) filter (where coalesce((
             select l.event from customer_lifecycle_events l
              where l.workspace_id = ${w} and l.customer_id = e.customer_id and l.at < e.month_end
              order by l.at desc, l.created_at desc limit 1), 'churned') <> 'churned')::int as retained
      from ends e group by 1, 2 order by 1, 2`.execute(scope.db);
  return { sizes: sizes.rows, points: points.rows };
}

/** Customers whose latest event is a churn dated in the range, newest first. */
export async function churnedInRange(scope: TenantScope, r: Range, limit: number) {
  const { rows } = await sql<{ customer_id: string; name: string; at: Date; value: string | null }>`
    select l.customer_id, c.name, l.at, l.value from (
      select distinct on (customer_id) customer_id, event, at, value from customer_lifecycle_events
       where workspace_id = ${scope.workspaceId} order by customer_id, at desc, created_at desc
    ) l join customers c on c.id = l.customer_id
     where l.event = 'churned' and l.at >= ${r.start} and l.at < ${r.end}
     order by l.at desc limit ${limit}`.execute(scope.db);
  return rows;
}

/** One churned customer's support in the 90 days before the churn. */
export async function supportBefore(scope: TenantScope, customerId: string, churnAt: Date) {
  const w = scope.workspaceId;
  const since = new Date(churnAt.getTime() - 90 * 86_400_000);
  const [cases, surveys, repeats] = await Promise.all([
    sql<{ id: string; number: number; subject: string; status: string; created_at: Date }>`
      select id, number, subject, status, created_at from cases
       where workspace_id = ${w} and customer_id = ${customerId} and merged_into_case_id is null
         and created_at >= ${since} and created_at <= ${churnAt}
       order by created_at desc limit 50`.execute(scope.db),
    sql<{
      case_id: string;
      kind: string;
      rating: number;
      sentiment: string;
      comment: string | null;
      responded_at: Date;
    }>`
      select case_id, kind, rating, sentiment, comment, responded_at from survey_responses
       where workspace_id = ${w} and customer_id = ${customerId}
         and responded_at >= ${since} and responded_at <= ${churnAt}
       order by responded_at desc limit 50`.execute(scope.db),
    sql<{ case_id: string; previous_case_id: string; reason: string; detected_at: Date }>`
      select case_id, previous_case_id, reason, detected_at from repeat_contacts
       where workspace_id = ${w} and customer_id = ${customerId}
         and detected_at >= ${since} and detected_at <= ${churnAt}
       order by detected_at desc limit 50`.execute(scope.db),
  ]);
  return { cases: cases.rows, surveys: surveys.rows, repeats: repeats.rows };
}
