import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { localIds, rememberIds, zdTime, zid } from "./extras-ids.ts";
import type { ImportContext, Skip, WriteOutcome } from "./writer.ts";
import type { ZdTicket, ZdTicketStatus } from "./zendesk-types.ts";

/**
 * Zendesk problem and incident tickets → Rapport problems with linked cases (issue #24).
 *
 * A ticket of type "problem" becomes a problem (its ticket stays a case too, linked to it):
 * title = subject, description = the ticket's description, team = its group's team, times kept.
 * An incident's case (any ticket with a problem_id) is linked to its problem. The pipeline calls
 * this right after the tickets writer for the same page, so the page's cases exist (import_ids
 * "ticket"). Tickets are exported by update time, so an incident often arrives before its
 * problem, or its problem only in a later delta: such a link waits in the id map as kind
 * "pending_incident" (external id "<problem id>:<incident id>", local id the incident's case)
 * and is made when the problem arrives. Everything here is set-based per page and idempotent
 * (problems through kind "problem"; links are a primary key).
 *
 * Status, from the problem ticket's: new, open and pending → investigating (nothing is known
 * yet; "pending" waits on the requester, not on a fix); hold → fix_in_progress (on hold is how
 * Zendesk teams park a problem waiting on a third party's fix); solved → fixed; closed → closed.
 * A deleted problem ticket is skipped (an already imported problem is left as it is).
 *
 * Silent: rows are inserted directly (no createProblem: it emits webhooks and realtime);
 * problems and links have no triggers that queue anything.
 */

export const PROBLEM_STATUS: Record<Exclude<ZdTicketStatus, "deleted">, string> = {
  new: "investigating",
  open: "investigating",
  pending: "investigating",
  hold: "fix_in_progress",
  solved: "fixed",
  closed: "closed",
};
const MAX_DESCRIPTION = 20_000; // the problems API's own limit

type Link = { problemId: string; caseId: string };

export async function linkIncidents(ctx: ImportContext, tickets: ZdTicket[]): Promise<WriteOutcome> {
  const { scope, source } = ctx;
  const skips: Skip[] = [];
  const problems = new Map<string, ZdTicket>();
  const incidents = new Map<string, { ticket: ZdTicket; problemExt: string }>();
  for (const t of tickets) {
    const ext = zid(t?.id);
    if (!ext) continue; // the tickets writer reports malformed tickets
    if (t.type === "problem") {
      if (t.status === "deleted") {
        skips.push({ externalId: ext, outcome: "skipped", reason: "problem ticket deleted in Zendesk" });
      } else if (!(t.status in PROBLEM_STATUS)) {
        skips.push({
          externalId: ext,
          outcome: "skipped",
          reason: `problem ticket with unknown status "${t.status}"`,
        });
      } else problems.set(ext, t);
    }
    const problemExt = zid(t.problem_id);
    if (problemExt && t.status !== "deleted") incidents.set(ext, { ticket: t, problemExt });
  }

  const [known, cases, teams] = await Promise.all([
    localIds(scope, source, "problem", [
      ...problems.keys(),
      ...[...incidents.values()].map((i) => i.problemExt),
    ]),
    // Every ticket of the page: a delta may have detached any of them from its problem.
    localIds(
      scope,
      source,
      "ticket",
      tickets.flatMap((t) => zid(t?.id) ?? []),
    ),
    localIds(
      scope,
      source,
      "group",
      [...problems.values()].flatMap((t) => (zid(t.group_id) ? [String(t.group_id)] : [])),
    ),
  ]);

  const fresh = [...problems.entries()].filter(([ext]) => !known.has(ext));
  const existing = [...problems.entries()].filter(([ext]) => known.has(ext));
  const created = await insertProblems(scope, fresh, teams);
  for (const [ext, id] of created) known.set(ext, id);
  await rememberIds(
    scope,
    source,
    "problem",
    [...created].map(([externalId, localId]) => ({ externalId, localId })),
  );
  await updateProblems(
    scope,
    existing.map(([ext, t]) => ({
      id: known.get(ext) as string,
      t,
      teamId: teams.get(String(t.group_id)) ?? null,
    })),
  );

  // Links: each problem ticket's own case, each incident whose problem is known, and the
  // incidents that waited for a problem that has now arrived.
  const links: Link[] = [];
  for (const [ext, id] of known) {
    const own = cases.get(ext);
    if (own && problems.has(ext)) links.push({ problemId: id, caseId: own });
  }
  const pending: Array<{ externalId: string; localId: string }> = [];
  for (const [ext, { problemExt }] of incidents) {
    const caseId = cases.get(ext);
    if (!caseId) {
      skips.push({
        externalId: ext,
        outcome: "skipped",
        reason: `incident ticket ${ext} was not imported: not linked`,
      });
      continue;
    }
    const problemId = known.get(problemExt);
    if (problemId) links.push({ problemId, caseId });
    else pending.push({ externalId: `${problemExt}:${ext}`, localId: caseId });
  }
  // An incident re-exported (a delta) may point elsewhere now: its old wait is dropped first.
  if (incidents.size > 0) {
    await scope
      .deleteFrom("import_ids")
      .where("source", "=", source)
      .where("kind", "=", "pending_incident")
      .where(sql<string>`split_part(external_id, ':', 2)`, "in", [...incidents.keys()])
      .execute();
  }
  await rememberIds(scope, source, "pending_incident", pending);
  if (created.size > 0) {
    const waited = await scope
      .deleteFrom("import_ids")
      .where("source", "=", source)
      .where("kind", "=", "pending_incident")
      .where(sql<string>`split_part(external_id, ':', 1)`, "in", [...created.keys()])
      .returning(["external_id", "local_id"])
      .execute();
    for (const w of waited) {
      const problemId = created.get(w.external_id.split(":")[0] as string);
      if (problemId) links.push({ problemId, caseId: w.local_id });
    }
  }
  await dropMovedLinks(scope, source, [...cases.values()], links);
  const linked = await insertLinks(scope, links);
  return { created: created.size + linked, updated: existing.length, skips };
}

function titleOf(t: ZdTicket): string {
  return t.subject?.trim() || `Zendesk problem #${t.id}`;
}

async function insertProblems(
  scope: TenantScope,
  fresh: Array<[string, ZdTicket]>,
  teams: Map<string, string>,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (fresh.length === 0) return out;
  // Numbers for the whole page at once, from the same counter row createProblem uses.
  const { rows } = await sql<{ last: number }>`
    insert into problem_numbers (workspace_id, last_number) values (${scope.workspaceId}, ${fresh.length})
    on conflict (workspace_id) do update set last_number = problem_numbers.last_number + ${fresh.length}
    returning last_number as last`.execute(scope.db);
  const first = Number(rows[0]?.last) - fresh.length + 1;
  const items = fresh.map(([ext, t], i) => {
    const id = randomUUID();
    out.set(ext, id);
    const createdAt = zdTime(t.created_at) ?? new Date();
    return {
      id,
      number: first + i,
      title: titleOf(t),
      description: (t.description ?? "").slice(0, MAX_DESCRIPTION),
      status: PROBLEM_STATUS[t.status as keyof typeof PROBLEM_STATUS],
      teamId: teams.get(String(t.group_id)) ?? null,
      createdAt: createdAt.toISOString(),
      updatedAt: (zdTime(t.updated_at) ?? createdAt).toISOString(),
      ext,
    };
  });
  const col = <T>(f: (x: (typeof items)[number]) => T) => items.map(f);
  await sql`
    with input as (
      select * from unnest(${col((x) => x.id)}::uuid[], ${col((x) => x.number)}::int[], ${col((x) => x.title)}::text[],
                           ${col((x) => x.description)}::text[], ${col((x) => x.status)}::text[],
                           ${col((x) => x.teamId)}::uuid[], ${col((x) => x.createdAt)}::timestamptz[],
                           ${col((x) => x.updatedAt)}::timestamptz[], ${col((x) => x.ext)}::text[])
        as i(id, number, title, description, status, team_id, created_at, updated_at, ext)
    ),
    ins as (
      insert into problems (id, workspace_id, number, title, description, status, team_id, created_at, updated_at)
      select id, ${scope.workspaceId}::uuid, number, title, description, status, team_id, created_at, updated_at
        from input
      returning id
    )
    insert into problem_events (workspace_id, problem_id, kind, actor_name, data, created_at)
    select ${scope.workspaceId}::uuid, i.id, 'problem.created', 'Zendesk import',
           jsonb_build_object('title', i.title, 'zendeskTicket', i.ext), i.created_at
      from input i join ins on ins.id = i.id`.execute(scope.db);
  return out;
}

/** A delta: the problem ticket's subject, status or group changed. */
async function updateProblems(
  scope: TenantScope,
  items: Array<{ id: string; t: ZdTicket; teamId: string | null }>,
): Promise<void> {
  if (items.length === 0) return;
  const col = <T>(f: (x: (typeof items)[number]) => T) => items.map(f);
  await sql`
    with input as (
      select * from unnest(${col((x) => x.id)}::uuid[], ${col((x) => titleOf(x.t))}::text[],
                           ${col((x) => PROBLEM_STATUS[x.t.status as keyof typeof PROBLEM_STATUS])}::text[],
                           ${col((x) => x.teamId)}::uuid[],
                           ${col((x) => (zdTime(x.t.updated_at) ?? new Date()).toISOString())}::timestamptz[])
        as i(id, title, status, team_id, updated_at)
    ),
    before as (
      select p.id, p.status from problems p
       where p.workspace_id = ${scope.workspaceId}::uuid and p.id in (select id from input)
    ),
    upd as (
      update problems p
         set title = i.title, status = i.status, team_id = coalesce(i.team_id, p.team_id),
             updated_at = greatest(p.updated_at, i.updated_at)
        from input i
       where p.id = i.id and p.workspace_id = ${scope.workspaceId}::uuid
         and (p.title, p.status, p.team_id) is distinct from (i.title, i.status, coalesce(i.team_id, p.team_id))
      returning p.id, p.status, p.updated_at
    )
    insert into problem_events (workspace_id, problem_id, kind, actor_name, data, created_at)
    select ${scope.workspaceId}::uuid, upd.id, 'problem.status_changed', 'Zendesk import',
           jsonb_build_object('from', b.status, 'to', upd.status), upd.updated_at
      from upd join before b on b.id = upd.id
     where b.status <> upd.status`.execute(scope.db);
}

/**
 * A delta may move an incident to another problem, or detach it: links of this page's cases to
 * imported problems that Zendesk no longer states are removed. Links staff made by hand (to
 * problems not imported) are left alone.
 */
async function dropMovedLinks(scope: TenantScope, source: string, caseIds: string[], wanted: Link[]) {
  if (caseIds.length === 0) return;
  // Usually nothing to read: a first import's cases have no links yet.
  const current = await scope
    .selectFrom("problem_cases")
    .select(["case_id", "problem_id"])
    .where("case_id", "in", caseIds)
    .execute();
  const keep = new Set(wanted.map((l) => `${l.caseId}:${l.problemId}`));
  const stale = current.filter((r) => !keep.has(`${r.case_id}:${r.problem_id}`));
  if (stale.length === 0) return;
  const imported = new Set(
    (
      await scope
        .selectFrom("import_ids")
        .select("local_id")
        .where("source", "=", source)
        .where("kind", "=", "problem")
        .where("local_id", "in", [...new Set(stale.map((r) => r.problem_id))])
        .execute()
    ).map((r) => r.local_id),
  );
  const drop = stale.filter((r) => imported.has(r.problem_id));
  if (drop.length === 0) return;
  await sql`
    delete from problem_cases pc
     using unnest(${drop.map((r) => r.case_id)}::uuid[], ${drop.map((r) => r.problem_id)}::uuid[]) as d(case_id, problem_id)
     where pc.workspace_id = ${scope.workspaceId}::uuid and pc.case_id = d.case_id and pc.problem_id = d.problem_id`.execute(
    scope.db,
  );
}

/** Links in one statement; each new link also gets a staff-only line on the case timeline. */
async function insertLinks(scope: TenantScope, links: Link[]): Promise<number> {
  if (links.length === 0) return 0;
  const ws = scope.workspaceId;
  const { rows } = await sql<{ n: number }>`
    with input as (
      select distinct * from unnest(${links.map((l) => l.problemId)}::uuid[], ${links.map((l) => l.caseId)}::uuid[])
        as i(problem_id, case_id)
    ),
    ins as (
      insert into problem_cases (workspace_id, problem_id, case_id, linked_at, reason)
      select ${ws}::uuid, i.problem_id, c.id, c.created_at, 'Incident of a Zendesk problem'
        from input i
        join cases c on c.id = i.case_id and c.workspace_id = ${ws}::uuid
        join problems p on p.id = i.problem_id and p.workspace_id = ${ws}::uuid
      on conflict do nothing
      returning problem_id, case_id, linked_at
    ),
    events as (
      insert into timeline_events (workspace_id, customer_id, case_id, kind, actor_name, data, occurred_at)
      select ${ws}::uuid, c.customer_id, c.id, 'problem.linked', 'Zendesk import',
             jsonb_build_object('problemId', p.id, 'number', p.number, 'title', p.title), ins.linked_at
        from ins
        join cases c on c.id = ins.case_id
        join problems p on p.id = ins.problem_id
      returning 1
    )
    select count(*)::int as n from events`.execute(scope.db);
  return Number(rows[0]?.n ?? 0);
}
