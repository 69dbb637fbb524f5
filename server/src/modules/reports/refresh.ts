import { sql } from "kysely";
import type { Executor } from "../../platform/db/tenant.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import type { Calendar } from "../hours/calendar.ts";
import { calendarForTeam } from "../hours/hours.repo.ts";
import {
  computeMetrics,
  earlierSolves,
  type MessageFact,
  type Metrics,
  type StatusChange,
  type Survey,
} from "./compute.ts";
import { type MetricsRow, RollupDelta } from "./rollup.ts";

/**
 * Drains report_dirty_cases: the triggers of migration 0049 mark a case whenever a message,
 * a status change (its timeline event), an assignment, tags, a survey answer or a repeat
 * contact touches it; this recomputes those cases and moves the rollups by the difference.
 * One transaction per batch: a case's metrics row and its rollup contribution never disagree.
 * Runs from the reports job and, bounded, before a report answers, so reports are current.
 */

// Small batches: a writer marking a case the refresher holds waits for its commit.
const BATCH = 50;

type Db = { db: Executor };

export async function refreshMetrics(
  ctx: Db,
  opts: { workspaceId?: string; maxCases?: number } = {},
): Promise<number> {
  const max = opts.maxCases ?? 5_000;
  let done = 0;
  while (done < max) {
    const n = await ctx.db.transaction().execute((trx) => refreshBatch(trx, opts.workspaceId, BATCH));
    done += n;
    if (n < BATCH) break;
  }
  return done;
}

async function refreshBatch(db: Executor, workspaceId: string | undefined, limit: number): Promise<number> {
  const { rows: dirty } = await sql<{ case_id: string }>`
    delete from report_dirty_cases where case_id in (
      select case_id from report_dirty_cases
       where ${workspaceId ? sql`workspace_id = ${workspaceId}` : sql`true`}
       order by marked_at limit ${limit} for update skip locked)
    returning case_id`.execute(db);
  if (dirty.length === 0) return 0;
  const ids = dirty.map((d) => d.case_id).sort();
  // Serialises refreshers on the same case (a metrics row that does not exist yet cannot be
  // locked with for update).
  await sql`select pg_advisory_xact_lock(hashtext('report:' || id)) from unnest(${ids}::uuid[]) id order by id`.execute(
    db,
  );

  const { rows: cases } = await sql<{
    id: string;
    workspace_id: string;
    created_at: Date;
    updated_at: Date;
    status: string;
    channel: string;
    team_id: string | null;
    assignee_id: string | null;
    tags: string[];
    merged_into_case_id: string | null;
    ws_zone: string;
    tz_fact: unknown;
  }>`
    select c.id, c.workspace_id, c.created_at, c.updated_at, c.status, c.channel, c.team_id,
           c.assignee_id, c.tags, c.merged_into_case_id, w.time_zone as ws_zone,
           (select f.value from facts f where f.customer_id = c.customer_id and f.key = 'timezone'
              and f.superseded_at is null order by f.id desc limit 1) as tz_fact
      from cases c join workspaces w on w.id = c.workspace_id
     where c.id = any(${ids}::uuid[])`.execute(db);
  const { rows: msgs } = await sql<{ case_id: string; kind: MessageFact["kind"]; created_at: Date }>`
    select case_id, kind, created_at from messages where case_id = any(${ids}::uuid[]) and kind <> 'note'`.execute(
    db,
  );
  const { rows: changes } = await sql<{
    case_id: string;
    data: { from?: string; to?: string };
    occurred_at: Date;
  }>`
    select case_id, data, occurred_at from timeline_events
     where case_id = any(${ids}::uuid[]) and kind = 'case.status_changed'`.execute(db);
  const { rows: repeats } = await sql<{ case_id: string }>`
    select case_id from repeat_contacts where case_id = any(${ids}::uuid[])`.execute(db);
  const { rows: surveys } = await sql<Survey & { case_id: string; responded_at: Date }>`
    select case_id, kind, rating, sentiment, responded_at from survey_responses
     where case_id = any(${ids}::uuid[]) order by responded_at desc`.execute(db);
  const { rows: old } = await sql<MetricsRow & { case_id: string }>`
    select * from case_metrics where case_id = any(${ids}::uuid[])`.execute(db);

  const group = <T extends { case_id: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(r.case_id, [...(m.get(r.case_id) ?? []), r]);
    return m;
  };
  const msgsBy = group(msgs);
  const changesBy = group(changes);
  const surveysBy = group(surveys);
  const repeatSet = new Set(repeats.map((r) => r.case_id));
  const calendars = new Map<string, Calendar>();

  const delta = new RollupDelta();
  for (const r of old) delta.add(r, -1);
  const fresh: Metrics[] = [];
  const spans: Array<{ caseId: string; workspaceId: string; solvedAt: Date; reopenedAt: Date }> = [];
  for (const c of cases) {
    // A merged case lives on in the case it was merged into: it no longer counts on its own.
    if (c.merged_into_case_id) continue;
    const calKey = `${c.workspace_id}:${c.team_id ?? ""}`;
    let calendar = calendars.get(calKey);
    if (!calendar) {
      calendar = await calendarForTeam(new TenantScope(db, c.workspace_id), c.team_id);
      calendars.set(calKey, calendar);
    }
    const caseChanges = (changesBy.get(c.id) ?? []).map(
      (x): StatusChange => ({ from: x.data.from ?? "", to: x.data.to ?? "", at: new Date(x.occurred_at) }),
    );
    for (const span of earlierSolves(caseChanges))
      spans.push({ caseId: c.id, workspaceId: c.workspace_id, ...span });
    const m = computeMetrics({
      c: {
        id: c.id,
        workspaceId: c.workspace_id,
        createdAt: new Date(c.created_at),
        updatedAt: new Date(c.updated_at),
        status: c.status,
        channel: c.channel,
        teamId: c.team_id,
        agentId: c.assignee_id,
        tags: c.tags,
      },
      messages: (msgsBy.get(c.id) ?? []).map((x) => ({ kind: x.kind, at: new Date(x.created_at) })),
      changes: caseChanges,
      calendar,
      workspaceZone: c.ws_zone,
      customerZone: typeof c.tz_fact === "string" && c.tz_fact ? c.tz_fact : c.ws_zone,
      repeat: repeatSet.has(c.id),
      surveys: surveysBy.get(c.id) ?? [],
    });
    fresh.push(m);
    delta.add(m, 1);
  }

  await sql`delete from case_metrics where case_id = any(${ids}::uuid[])`.execute(db);
  for (const m of fresh) {
    const cols = Object.keys(m);
    await sql`insert into case_metrics (${sql.join(cols.map((k) => sql.ref(k)))})
      values (${sql.join(cols.map((k) => sql`${(m as Record<string, unknown>)[k]}`))})`.execute(db);
  }
  await sql`delete from case_solve_spans where case_id = any(${ids}::uuid[])`.execute(db);
  if (spans.length > 0)
    await sql`insert into case_solve_spans (case_id, workspace_id, solved_at, reopened_at)
      select * from unnest(${spans.map((x) => x.caseId)}::uuid[], ${spans.map((x) => x.workspaceId)}::uuid[],
                           ${spans.map((x) => x.solvedAt)}::timestamptz[], ${spans.map((x) => x.reopenedAt)}::timestamptz[])`.execute(
      db,
    );
  await delta.apply(db);
  return dirty.length;
}
