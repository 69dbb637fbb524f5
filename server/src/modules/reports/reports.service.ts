import { sql } from "kysely";
import type {
  Report,
  ReportCasesQuery,
  ReportGroup,
  ReportMetric,
  ReportQuery,
} from "../../../../contracts/reports.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { readDb } from "../../platform/db/replica.ts";
import type { Executor } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { refreshMetrics } from "./refresh.ts";
import { assertCanReadReports } from "./reports.policy.ts";
import { backlogFigures, type Filters, figureCases, rollupFigures } from "./reports.repo.ts";

type Ctx = Pick<AppContext, "db" | "replica">;
const DAY = 86_400_000;
/** Longer ranges are refused: two years of days is already 731 chart points. */
const MAX_DAYS = 731;
/** Cases a report recomputes before answering; a larger queue is the job's (runtime.ts). */
const FRESHEN_LIMIT = 2_000;

const UNIT: Record<ReportMetric, Report["unit"]> = {
  "first-reply-time": "minutes",
  "next-reply-time": "minutes",
  "resolution-time": "minutes",
  "one-touch": "share",
  "reopen-rate": "share",
  "repeat-contact-rate": "share",
  backlog: "cases",
  csat: "score",
  ces: "score",
};

function period(q: ReportQuery): { from: string; to: string } {
  const today = new Date().toISOString().slice(0, 10);
  const to = q.to ?? today;
  const from = q.from ?? new Date(Date.parse(to) - 29 * DAY).toISOString().slice(0, 10);
  const days = (Date.parse(to) - Date.parse(from)) / DAY;
  if (days < 0) throw new AppError("validation_failed", "must be on or after from", "to");
  if (days >= MAX_DAYS) throw new AppError("validation_failed", "must be at most two years after from", "to");
  return { from, to };
}

async function prepare(ctx: Ctx, actor: Actor, q: ReportQuery): Promise<Filters> {
  await assertCanReadReports(ctx.db, actor);
  await refreshMetrics(ctx, { workspaceId: actor.workspaceId, maxCases: FRESHEN_LIMIT });
  // The zone is read first and passed as a value: written as a subquery inside the backlog's
  // instants it hid them from the planner, which then scanned all of case_metrics (0.7 s at 2M).
  const zone = await ctx.db
    .selectFrom("workspaces")
    .select("time_zone")
    .where("id", "=", actor.workspaceId)
    .executeTakeFirstOrThrow();
  return {
    workspaceId: actor.workspaceId,
    zone: zone.time_zone,
    ...period(q),
    clock: q.clock,
    team: q.team,
    agent: q.agent,
    channel: q.channel,
    tag: q.tag,
  };
}

/** Human names for team and agent keys ("none" is the cases without one). */
async function labels(db: Executor, workspaceId: string, groupBy: ReportGroup | undefined, keys: string[]) {
  const ids = keys.filter((k) => /^[0-9a-f-]{36}$/.test(k));
  const names = new Map<string, string>();
  if (groupBy === "team" && ids.length) {
    const { rows } = await sql<{ id: string; name: string }>`
      select id, name from teams where workspace_id = ${workspaceId} and id = any(${ids}::uuid[])`.execute(
      db,
    );
    for (const r of rows) names.set(r.id, r.name);
    names.set("none", "No team");
  }
  if (groupBy === "agent") {
    const { rows } = await sql<{ id: string; name: string }>`
      select m.id, u.name from memberships m join auth.user u on u.id = m.user_id
       where m.workspace_id = ${workspaceId} and m.id = any(${ids}::uuid[])`.execute(db);
    for (const r of rows) names.set(r.id, r.name);
    names.set("none", "Unassigned");
  }
  return (key: string) => names.get(key) ?? key;
}

export async function supportReport(
  ctx: Ctx,
  actor: Actor,
  metric: ReportMetric,
  q: ReportQuery,
): Promise<Report> {
  const f = await prepare(ctx, actor, q);
  // The figures and, when grouped, the headline (the whole period with the same filters) are
  // read at once: the backlog's two reads were a by-day backlog's slowest part.
  const figures = (groupBy: ReportQuery["groupBy"]) =>
    metric === "backlog"
      ? backlogFigures(readDb(ctx), f, groupBy)
      : rollupFigures(readDb(ctx), metric, f, groupBy);
  const [grouped, headline] = await Promise.all([
    figures(q.groupBy),
    q.groupBy ? figures(undefined) : Promise.resolve(null),
  ]);
  let totals: { value: number | null; count: number; hits: number | null };
  if (metric === "backlog") {
    const ages = headline ?? grouped;
    const open = ages.reduce((a, r) => a + r.count, 0);
    totals = { value: open, count: open, hits: null };
  } else {
    const all = headline ?? grouped;
    totals = all[0] ?? { value: null, count: 0, hits: null };
  }
  const label = await labels(
    readDb(ctx),
    actor.workspaceId,
    q.groupBy,
    grouped.map((r) => r.key),
  );
  const rows = q.groupBy || metric === "backlog" ? grouped : [];
  return {
    metric,
    unit: UNIT[metric],
    clock: q.clock,
    from: f.from,
    to: f.to,
    groupBy: q.groupBy ?? (metric === "backlog" ? "age" : null),
    total: totals,
    rows: rows.map((r) => ({ ...r, label: label(r.key) })),
  };
}

export async function reportCases(ctx: Ctx, actor: Actor, metric: ReportMetric, q: ReportCasesQuery) {
  const f = await prepare(ctx, actor, q);
  const { rows, total } = await figureCases(readDb(ctx), metric, f, q.groupBy, q.bucket, q);
  return {
    items: rows.map((r) => ({
      id: r.id,
      number: Number(r.number),
      subject: r.subject,
      status: r.status,
      channel: r.channel,
      createdAt: new Date(r.created_at).toISOString(),
      value: r.value === null ? null : Math.round(Number(r.value) * 100) / 100,
    })),
    total,
    page: q.page,
    limit: q.limit,
  };
}
