import { type RawBuilder, sql } from "kysely";
import type { ReportGroup, ReportMetric } from "../../../../contracts/reports.ts";
import type { Executor } from "../../platform/db/tenant.ts";
import { ALL } from "./rollup.ts";

/**
 * The SQL behind the reports. Time and rate figures read the daily rollups (a 90-day report
 * reads rollup rows, never cases); the backlog and the cases behind a figure read case_metrics
 * through its indexes. Every figure counts the cases created in the period (on the clock's
 * day), so the cases behind a figure are exactly the ones it counted.
 */

export type Filters = {
  workspaceId: string;
  /** The workspace's IANA time zone: its days are the business clock's days. */
  zone: string;
  from: string;
  to: string;
  clock: "business" | "customer";
  team?: string | undefined;
  agent?: string | undefined;
  channel?: string | undefined;
  tag?: string | undefined;
};
export type FigureRow = { key: string; value: number | null; count: number; hits: number | null };

/** Numerator and denominator of each rollup metric: value = sum / count (hits for rates). */
const ROLLUP: Record<Exclude<ReportMetric, "backlog">, { sum: string; count: string; rate: boolean }> = {
  "first-reply-time": { sum: "first_reply_sum", count: "first_reply_count", rate: false },
  "next-reply-time": { sum: "next_reply_sum", count: "next_reply_count", rate: false },
  "resolution-time": { sum: "resolution_sum", count: "resolved", rate: false },
  "one-touch": { sum: "one_touch", count: "resolved", rate: true },
  "reopen-rate": { sum: "reopened", count: "solved_once", rate: true },
  "repeat-contact-rate": { sum: "repeat_contacts", count: "created", rate: true },
  csat: { sum: "csat_sum", count: "csat_count", rate: false },
  ces: { sum: "ces_sum", count: "ces_count", rate: false },
};

const NONE = "none";

function groupExpr(groupBy: ReportGroup | undefined, day: RawBuilder<unknown>): RawBuilder<string> {
  switch (groupBy) {
    case "day":
      return sql`${day}::text`;
    case "week":
      return sql`date_trunc('week', ${day})::date::text`;
    case "month":
      return sql`date_trunc('month', ${day})::date::text`;
    case "team":
      return sql`coalesce(team_id::text, ${NONE})`;
    case "agent":
      return sql`coalesce(agent_id::text, ${NONE})`;
    case "channel":
      return sql`channel`;
    case "tag":
      return sql`tag`;
    default:
      return sql`'all'`;
  }
}

function filterSql(f: Filters, tagColumn: "tag" | "tags") {
  const parts: RawBuilder<unknown>[] = [sql`workspace_id = ${f.workspaceId}`];
  if (f.team) parts.push(f.team === NONE ? sql`team_id is null` : sql`team_id = ${f.team}`);
  if (f.agent) parts.push(f.agent === NONE ? sql`agent_id is null` : sql`agent_id = ${f.agent}`);
  if (f.channel) parts.push(sql`channel = ${f.channel}`);
  if (f.tag) parts.push(tagColumn === "tag" ? sql`tag = ${f.tag}` : sql`tags @> array[${f.tag}]::text[]`);
  return sql.join(parts, sql` and `);
}

/**
 * Which rollup rows a report sums: the "all" rows when neither the grouping nor a filter
 * names a team, agent or channel, else the detailed ones (each case is in both, so never both).
 */
function rollupRows(f: Filters, groupBy: ReportGroup | undefined) {
  const detailed =
    f.team !== undefined ||
    f.agent !== undefined ||
    f.channel !== undefined ||
    groupBy === "team" ||
    groupBy === "agent" ||
    groupBy === "channel";
  return detailed ? sql`channel <> ${ALL}` : sql`channel = ${ALL}`;
}

export async function rollupFigures(
  db: Executor,
  metric: Exclude<ReportMetric, "backlog">,
  f: Filters,
  groupBy: ReportGroup | undefined,
): Promise<FigureRow[]> {
  const m = ROLLUP[metric];
  const byTag = groupBy === "tag" || f.tag !== undefined;
  const table = sql.table(byTag ? "report_daily_tags" : "report_daily");
  // Rates count their numerator; surveys count their positive answers; times have none.
  const hits = m.rate
    ? sql`sum(${sql.ref(m.sum)})`
    : metric === "csat"
      ? sql`sum(csat_positive)`
      : metric === "ces"
        ? sql`sum(ces_positive)`
        : sql`null`;
  const { rows } = await sql<{ key: string; total: string | null; n: string | null; hits: string | null }>`
    select ${groupExpr(groupBy, sql`day`)} as key, sum(${sql.ref(m.sum)}) as total,
           sum(${sql.ref(m.count)}) as n, ${hits} as hits
      from ${table}
     where ${filterSql(f, "tag")} and ${rollupRows(f, groupBy)} and clock = ${f.clock}
       and day between ${f.from}::date and ${f.to}::date
     group by 1 order by 1`.execute(db);
  const scale = m.rate ? 10_000 : 100;
  return rows
    .map((r) => {
      const n = Number(r.n ?? 0);
      return {
        key: r.key,
        count: n,
        hits: r.hits === null ? null : Number(r.hits),
        value: n > 0 ? Math.round((Number(r.total ?? 0) / n) * scale) / scale : null,
      };
    })
    .filter((r) => r.count > 0);
}

/** The instant a period ends: midnight after `to` in the workspace's zone. */
const periodEnd = (f: Filters) => sql`((${f.to}::date + 1)::timestamp at time zone ${f.zone}::text)`;
const AGE_BUCKET = (at: RawBuilder<unknown>) => sql<string>`case
  when ${at} - created_at < interval '1 day' then 'under-1d'
  when ${at} - created_at < interval '3 days' then '1-3d'
  when ${at} - created_at < interval '7 days' then '3-7d'
  when ${at} - created_at < interval '30 days' then '7-30d'
  else 'over-30d' end`;
/**
 * The cases open at an instant, as a row source: the unsolved ones and those solved after it,
 * each read through its own partial index. (The same condition written with `or` made the
 * planner scan all of case_metrics: over a second at 2M cases.)
 */
const openCases = (f: Filters, at: RawBuilder<unknown>, columns: RawBuilder<unknown> = sql`*`) => sql`(
  select ${columns} from case_metrics
   where ${filterSql(f, "tags")} and resolved_at is null and created_at < ${at}
  union all
  select ${columns} from case_metrics
   where ${filterSql(f, "tags")} and resolved_at >= ${at} and created_at < ${at})`;
/** What a backlog count reads: columns its partial indexes include, so the scans are index-only (0052). */
const COUNTED = sql`created_at, team_id, agent_id, channel, tags`;
/**
 * The cases openCases counts at an instant that were in fact solved then: inside an earlier
 * solve that a later reopen undid (case_solve_spans, 0057). Every such case is also in
 * openCases (it was created before and its last solve, if any, is after), so the backlog is the
 * difference. Read from the spans reopened after the instant, which are few.
 */
const solvedThen = (f: Filters, at: RawBuilder<unknown>, columns: RawBuilder<unknown> = sql`*`) => sql`(
  select ${columns} from case_metrics
   where ${filterSql(f, "tags")} and case_id in (
     select s.case_id from case_solve_spans s
      where s.workspace_id = ${f.workspaceId} and s.reopened_at > ${at} and s.solved_at <= ${at}))`;
/** Not inside an earlier solve at the instant (for the cases behind a backlog figure). */
const notSolvedThen = (at: RawBuilder<unknown>) => sql`not exists (
  select 1 from case_solve_spans s where s.case_id = open.case_id and s.solved_at <= ${at} and s.reopened_at > ${at})`;

/**
 * Open cases at the period's end and their age: by age bucket, or by a group (count and mean
 * age in minutes), or — by day/week/month — the backlog at the end of each.
 */
export async function backlogFigures(db: Executor, f: Filters, groupBy: ReportGroup | undefined) {
  const end = periodEnd(f);
  if (groupBy === "day" || groupBy === "week" || groupBy === "month") return backlogOverTime(db, f, groupBy);
  const key =
    groupBy === "tag" ? sql`t.tag` : groupBy ? groupExpr(groupBy, sql`created_at`) : AGE_BUCKET(end);
  const from =
    groupBy === "tag"
      ? sql`${openCases(f, end, COUNTED)} as open, unnest(open.tags) t(tag)`
      : sql`${openCases(f, end, COUNTED)} as open`;
  const undone =
    groupBy === "tag"
      ? sql`${solvedThen(f, end, COUNTED)} as open, unnest(open.tags) t(tag)`
      : sql`${solvedThen(f, end, COUNTED)} as open`;
  const [open, solved] = await Promise.all([
    sql<{
      key: string;
      n: string;
    }>`select ${key} as key, count(*) as n from ${from} group by 1 order by 1`.execute(db),
    sql<{ key: string; n: string }>`select ${key} as key, count(*) as n from ${undone} group by 1`.execute(
      db,
    ),
  ]);
  const minus = new Map(solved.rows.map((r) => [r.key, Number(r.n)]));
  return open.rows
    .map((r) => {
      const n = Number(r.n) - (minus.get(r.key) ?? 0);
      return { key: r.key, count: n, hits: null, value: n };
    })
    .filter((r) => r.count > 0);
}

/**
 * The backlog at the end of each day, week or month, without re-counting every open case per
 * bucket: the backlog at the period's start, plus the cases created each day, minus those
 * solved each day (a case is solved after it was created, so the running sum is exact). Three
 * index range reads, whatever the window. Days are the workspace's, as the bucket ends are.
 * The start's backlog is worked back from the end's (open at the end − created in the period +
 * solved in it): counting it directly read every case solved in the period to find the few
 * created before it (0.3 s at 2M cases), while the end's open cases are few and index-only.
 */
async function backlogOverTime(db: Executor, f: Filters, groupBy: "day" | "week" | "month") {
  const zone = sql`${f.zone}::text`;
  const start = sql`(${f.from}::date::timestamp at time zone ${zone})`;
  const end = periodEnd(f);
  const where = filterSql(f, "tags");
  // Three independent reads, run at once on separate pool connections (each is an index-only
  // range scan; together they were most of a by-day backlog's time at 2M cases).
  const [atEnd, created, solved, spans] = await Promise.all([
    sql<{ n: string }>`
      select count(*) as n from ${openCases(f, end, COUNTED)} as open`.execute(db),
    sql<{ d: string; n: string }>`
      select business_day::text as d, count(*) as n from case_metrics
       where ${where} and business_day between ${f.from}::date and ${f.to}::date group by 1`.execute(db),
    sql<{ d: string; n: string }>`
      select (resolved_at at time zone ${zone})::date::text as d, count(*) as n from case_metrics
       where ${where} and resolved_at >= ${start} and resolved_at < ${end} group by 1`.execute(db),
    // Earlier solves undone by a reopen, by the days they began and ended: the running sum
    // counts such a case as open between them, and it was not.
    sql<{ sd: string; rd: string; n: string }>`
      select (s.solved_at at time zone ${zone})::date::text as sd,
             (s.reopened_at at time zone ${zone})::date::text as rd, count(*) as n
        from case_solve_spans s
       where s.workspace_id = ${f.workspaceId} and s.reopened_at > ${start} and s.solved_at < ${end}
         and exists (select 1 from case_metrics where case_id = s.case_id and ${where})
       group by 1, 2`.execute(db),
  ]);
  const undone = spans.rows.map((r) => ({ from: r.sd, until: r.rd, n: Number(r.n) }));
  const plus = new Map(created.rows.map((r) => [r.d, Number(r.n)]));
  const minus = new Map(solved.rows.map((r) => [r.d, Number(r.n)]));
  const out = new Map<string, number>();
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  let open = Number(atEnd.rows[0]?.n ?? 0) - sum(plus) + sum(minus);
  for (let t = Date.parse(`${f.from}T00:00:00Z`); t <= Date.parse(`${f.to}T00:00:00Z`); t += 86_400_000) {
    const d = new Date(t).toISOString().slice(0, 10);
    open += (plus.get(d) ?? 0) - (minus.get(d) ?? 0);
    // Solved by the end of d and reopened after it: not open at d's end.
    const solvedThen = undone.reduce((n, u) => (u.from <= d && d < u.until ? n + u.n : n), 0);
    // A week or month shows the backlog at its last day within the period.
    out.set(bucketOf(d, groupBy), open - solvedThen);
  }
  return [...out.entries()].map(([key, n]) => ({ key, count: n, hits: null, value: n }));
}

/** The day, the Monday of its ISO week, or the first of its month (as date_trunc gives). */
function bucketOf(day: string, groupBy: "day" | "week" | "month"): string {
  if (groupBy === "day") return day;
  if (groupBy === "month") return `${day.slice(0, 8)}01`;
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** Each drill-down: which cases a metric counted, and the case's own figure. */
function caseFigure(metric: ReportMetric, clock: "business" | "customer", end: RawBuilder<unknown>) {
  const b = clock === "business";
  switch (metric) {
    case "first-reply-time":
      return {
        where: sql`first_reply_at is not null`,
        value: sql.ref(b ? "first_reply_business" : "first_reply_wall"),
      };
    case "next-reply-time":
      return {
        where: sql`next_reply_count > 0`,
        value: sql`${sql.ref(b ? "next_reply_business" : "next_reply_wall")} / next_reply_count`,
      };
    case "resolution-time":
      return {
        where: sql`resolved_at is not null`,
        value: sql.ref(b ? "resolution_business" : "resolution_wall"),
      };
    case "one-touch":
      return { where: sql`resolved_at is not null`, value: sql`one_touch::int` };
    case "reopen-rate":
      return {
        where: sql`(resolved_at is not null or reopen_count > 0)`,
        value: sql`(reopen_count > 0)::int`,
      };
    case "repeat-contact-rate":
      return { where: sql`true`, value: sql`repeat_contact::int` };
    case "csat":
      return { where: sql`csat_rating is not null`, value: sql`csat_rating` };
    case "ces":
      return { where: sql`ces_rating is not null`, value: sql`ces_rating` };
    case "backlog":
      return { where: sql`true`, value: sql`extract(epoch from ${end} - created_at) / 60` };
  }
}

export async function figureCases(
  db: Executor,
  metric: ReportMetric,
  f: Filters,
  groupBy: ReportGroup | undefined,
  bucket: string | undefined,
  page: { page: number; limit: number },
) {
  const day = sql.ref(f.clock === "business" ? "business_day" : "customer_day");
  const timeGroup = groupBy === "day" || groupBy === "week" || groupBy === "month";
  // A backlog bar by day/week/month is the backlog at the end of that bucket.
  const end =
    metric === "backlog" && timeGroup && bucket && /^\d{4}-\d{2}-\d{2}$/.test(bucket)
      ? sql`least(((${bucket}::date + ${groupBy === "day" ? "1 day" : groupBy === "week" ? "1 week" : "1 month"}::interval)::timestamp at time zone ${f.zone}::text), ${periodEnd(f)})`
      : periodEnd(f);
  const fig = caseFigure(metric, f.clock, end);
  const parts: RawBuilder<unknown>[] = [sql`${filterSql(f, "tags")}`, fig.where];
  // The backlog counts every case open at the period's end, whenever it was created.
  if (metric !== "backlog") parts.push(sql`${day} between ${f.from}::date and ${f.to}::date`);
  else parts.push(notSolvedThen(end));
  if (bucket !== undefined) {
    if (metric === "backlog" && timeGroup) {
      // the bucket chose the instant (above)
    } else if (metric === "backlog" && !groupBy) parts.push(sql`${AGE_BUCKET(end)} = ${bucket}`);
    else if (groupBy === "tag") parts.push(sql`tags @> array[${bucket}]::text[]`);
    else if (groupBy) parts.push(sql`${groupExpr(groupBy, day)} = ${bucket}`);
  }
  const { rows } = await sql<{
    id: string;
    number: string;
    subject: string;
    status: string;
    channel: string;
    created_at: Date;
    value: string | number | null;
    total: string;
  }>`
    with hit as (
      select case_id, channel, created_at, (${fig.value})::float8 as value, count(*) over () as total
        from ${metric === "backlog" ? sql`${openCases(f, end)} as open` : sql`case_metrics`}
       where ${sql.join(parts, sql` and `)}
       order by created_at desc, case_id
       limit ${page.limit} offset ${(page.page - 1) * page.limit})
    select c.id, c.number, c.subject, c.status, h.channel, h.created_at, h.value, h.total
      from hit h join cases c on c.id = h.case_id
     order by h.created_at desc, h.case_id`.execute(db);
  return { rows, total: rows[0] ? Number(rows[0].total) : 0 };
}
