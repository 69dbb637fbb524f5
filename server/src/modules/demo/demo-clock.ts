import { sql } from "kysely";
import type { Executor } from "../../platform/db/tenant.ts";

/**
 * The demo loads in a few seconds, so everything it writes carries the same minute: a case
 * opened, answered and solved "at 12:30 AM", and "Last two snapshots: 12:30 AM → 12:30 AM".
 * Real history is spread over days and times of day. This moves what one load wrote onto a
 * plausible schedule, keeping its order: rows written together (one transaction) stay
 * together, and each later step lands a varied while after the one before.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// Pauses between steps of a case: a quick answer, an afternoon, overnight, a few days' wait…
const CASE_GAPS = [4, 162, 14, 1151, 41, 207, 3, 96, 530, 9, 71, 1324].map((m) => m * MINUTE);

/** A time `daysAgo` days before today at `at` ("HH:MM", UTC). */
export function daysAgoAt(daysAgo: number, at: string, now = new Date()): Date {
  const [h, m] = at.split(":").map(Number);
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - daysAgo * DAY;
  return new Date(day + (h ?? 9) * 60 * MINUTE + (m ?? 0) * MINUTE);
}

type Stamp = { tbl: string; col: string; id: string; ts: string };

/**
 * Every timestamp of the rows that belong to one case (its row, messages, timeline, snapshots,
 * playbook runs and steps, escalation and tasks), ranked by when they were written, moved to
 * `start` plus growing pauses, never later than a minute ago. Only what was `written` by
 * this load moves: a snapshot the demo already dated on purpose keeps its date.
 */
export async function retimeCase(
  db: Executor,
  workspaceId: string,
  caseId: string,
  start: Date,
  written: Date,
) {
  const stamps = await sql<Stamp>`
    with rows(tbl, col, id, ts) as (
      select 'cases', 'created_at', id::text, created_at from cases where id = ${caseId}
      union all select 'cases', 'updated_at', id::text, updated_at from cases where id = ${caseId}
      union all select 'cases', 'last_activity_at', id::text, last_activity_at from cases where id = ${caseId}
      union all select 'cases', 'waiting_since', id::text, waiting_since from cases where id = ${caseId}
      union all select 'messages', 'created_at', id::text, created_at from messages where case_id = ${caseId}
      union all select 'timeline_events', 'occurred_at', id::text, occurred_at from timeline_events where case_id = ${caseId}
      union all select 'diagnostic_snapshots', 'captured_at', id::text, captured_at from diagnostic_snapshots where case_id = ${caseId}
      union all select 'playbook_runs', 'started_at', id::text, started_at from playbook_runs where case_id = ${caseId}
      union all select 'playbook_runs', 'last_activity_at', id::text, last_activity_at from playbook_runs where case_id = ${caseId}
      union all select 'playbook_runs', 'ended_at', id::text, ended_at from playbook_runs where case_id = ${caseId}
      union all select 'playbook_run_steps', 'shown_at', s.id::text, s.shown_at from playbook_run_steps s join playbook_runs r on r.id = s.run_id where r.case_id = ${caseId}
      union all select 'playbook_run_steps', 'answered_at', s.id::text, s.answered_at from playbook_run_steps s join playbook_runs r on r.id = s.run_id where r.case_id = ${caseId}
      union all select 'escalations', 'created_at', id::text, created_at from escalations where case_id = ${caseId}
      union all select 'escalations', 'updated_at', id::text, updated_at from escalations where case_id = ${caseId}
      union all select 'case_tasks', 'created_at', id::text, created_at from case_tasks where case_id = ${caseId}
    )
    select tbl, col, id, ts::text as ts from rows where ts >= ${written} order by ts`.execute(db);
  await moveStamps(db, workspaceId, stamps.rows, start, CASE_GAPS);
}

/**
 * The customer's record as an agent typed it in one sitting: the customer, identities, facts,
 * devices and their timeline entries outside any case, a minute or two apart. Snapshots and
 * their entries keep their own dates (the device histories are backdated where they are made).
 */
export async function retimeCustomer(
  db: Executor,
  workspaceId: string,
  customerId: string,
  start: Date,
  written: Date,
) {
  const stamps = await sql<Stamp>`
    with rows(tbl, col, id, ts) as (
      select 'customers', 'created_at', id::text, created_at from customers where id = ${customerId}
      union all select 'customers', 'updated_at', id::text, updated_at from customers where id = ${customerId}
      union all select 'customer_identities', 'created_at', id::text, created_at from customer_identities where customer_id = ${customerId}
      union all select 'facts', 'recorded_at', id::text, recorded_at from facts where customer_id = ${customerId}
      union all select 'devices', 'created_at', id::text, created_at from devices where customer_id = ${customerId}
      union all select 'devices', 'updated_at', id::text, updated_at from devices where customer_id = ${customerId}
      union all select 'timeline_events', 'occurred_at', id::text, occurred_at from timeline_events
        where customer_id = ${customerId} and case_id is null and kind <> 'diagnostic.captured'
    )
    select tbl, col, id, ts::text as ts from rows where ts >= ${written} order by ts`.execute(db);
  await moveStamps(db, workspaceId, stamps.rows, start, [MINUTE, 2 * MINUTE]);
}

async function moveStamps(db: Executor, workspaceId: string, rows: Stamp[], start: Date, gaps: number[]) {
  const latest = Date.now() - MINUTE;
  let at = start.getTime();
  let previous: string | undefined;
  let step = 0;
  for (const row of rows) {
    if (previous !== undefined && row.ts !== previous) at += gaps[step++ % gaps.length] ?? MINUTE;
    previous = row.ts;
    const moved = new Date(Math.min(at, latest));
    // Table and column come from the fixed lists above, never from input.
    await sql`update ${sql.table(row.tbl)} set ${sql.ref(row.col)} = ${moved}
      where id::text = ${row.id} and workspace_id = ${workspaceId}`.execute(db);
  }
}
