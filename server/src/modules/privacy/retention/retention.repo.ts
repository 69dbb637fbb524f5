import { sql } from "kysely";
import type { Executor } from "../../../platform/db/tenant.ts";

/**
 * The SQL of retention deletion, one bounded batch per call. Hand-written with the workspace
 * filter written out, like search: "not covered by a legal hold" is a correlated sub-query.
 * `for no key update skip locked` lets a manual run and the daily one overlap without waiting.
 * Not `for update`: that also conflicts with the key-share lock any transaction takes on a case
 * while it writes a row pointing at it (a message, a metric, a timeline event), so a run skipped
 * old cases that were merely referenced at that moment and reported fewer than it should (seen
 * in CI: a manual run deleted 0 of 2 while a metrics refresh was writing). The delete itself
 * then waits for such a writer to finish, which is short.
 */

const notHeld = (w: string) => sql`not exists (
  select 1 from legal_holds lh
   where lh.workspace_id = ${w} and lh.released_at is null
     and (lh.case_id = c.id or lh.customer_id = c.customer_id))`;

/** Deletes up to `limit` closed cases idle since before `cutoff`; returns how many and their files. */
export async function deleteOldClosedCases(
  tx: Executor,
  w: string,
  cutoff: Date,
  limit: number,
): Promise<{ deleted: number; fileKeys: string[] }> {
  const ids = (
    await sql<{ id: string }>`
      select c.id from cases c
       where c.workspace_id = ${w} and c.status = 'closed' and c.last_activity_at < ${cutoff}
         and ${notHeld(w)}
       order by c.last_activity_at limit ${limit} for no key update skip locked`.execute(tx)
  ).rows.map((r) => r.id);
  if (ids.length === 0) return { deleted: 0, fileKeys: [] };
  const keys = (
    await sql<{ key: string }>`
      select distinct a->>'key' as key from messages m, jsonb_array_elements(m.attachments) a
       where m.workspace_id = ${w} and m.case_id = any(${ids}::uuid[]) and a ? 'key'`.execute(tx)
  ).rows.map((r) => r.key);
  // A merged case points at its survivor without a cascade: the pointer goes with the survivor.
  await sql`update cases set merged_into_case_id = null
             where workspace_id = ${w} and merged_into_case_id = any(${ids}::uuid[])`.execute(tx);
  const res = await sql`delete from cases where workspace_id = ${w} and id = any(${ids}::uuid[])`.execute(tx);
  return { deleted: Number(res.numAffectedRows ?? 0), fileKeys: keys };
}

/** Empties up to `limit` stored raw inbound messages received before `cutoff`. */
export async function deleteOldRawEmails(
  tx: Executor,
  w: string,
  cutoff: Date,
  limit: number,
): Promise<number> {
  const res = await sql`
    update inbound_emails set raw = ''::bytea
     where id in (
       select e.id from inbound_emails e left join cases c on c.id = e.case_id
        where e.workspace_id = ${w} and e.received_at < ${cutoff} and octet_length(e.raw) > 0
          and e.status <> 'received'
          and (c.id is null or ${notHeld(w)})
        limit ${limit} for no key update of e skip locked)`.execute(tx);
  return Number(res.numAffectedRows ?? 0);
}

/** Deletes up to `limit` diagnostic snapshots captured before `cutoff`. */
export async function deleteOldSnapshots(
  tx: Executor,
  w: string,
  cutoff: Date,
  limit: number,
): Promise<number> {
  const res = await sql`
    delete from diagnostic_snapshots where id in (
      select s.id from diagnostic_snapshots s
       where s.workspace_id = ${w} and s.captured_at < ${cutoff}
         and not exists (select 1 from legal_holds lh
                          where lh.workspace_id = ${w} and lh.released_at is null
                            and (lh.case_id = s.case_id or lh.customer_id = s.customer_id))
       limit ${limit} for no key update skip locked)`.execute(tx);
  return Number(res.numAffectedRows ?? 0);
}

/** How much old data the policy would delete but a legal hold keeps (for the run report). */
export async function countHeld(
  tx: Executor,
  w: string,
  cutoffs: { cases: Date | null; emails: Date | null; snapshots: Date | null },
): Promise<number> {
  const held = sql`exists (select 1 from legal_holds lh
     where lh.workspace_id = ${w} and lh.released_at is null
       and (lh.case_id = c.id or lh.customer_id = c.customer_id))`;
  const { rows } = await sql<{ n: number }>`
    select
      (case when ${cutoffs.cases}::timestamptz is null then 0 else
        (select count(*) from cases c where c.workspace_id = ${w} and c.status = 'closed'
            and c.last_activity_at < ${cutoffs.cases} and ${held}) end)
    + (case when ${cutoffs.emails}::timestamptz is null then 0 else
        (select count(*) from inbound_emails e join cases c on c.id = e.case_id
          where e.workspace_id = ${w} and e.received_at < ${cutoffs.emails} and octet_length(e.raw) > 0
            and ${held}) end)
    + (case when ${cutoffs.snapshots}::timestamptz is null then 0 else
        (select count(*) from diagnostic_snapshots s where s.workspace_id = ${w} and s.captured_at < ${cutoffs.snapshots}
            and exists (select 1 from legal_holds lh where lh.workspace_id = ${w} and lh.released_at is null
                          and (lh.case_id = s.case_id or lh.customer_id = s.customer_id))) end)
    as n`.execute(tx);
  return Number(rows[0]?.n ?? 0);
}
