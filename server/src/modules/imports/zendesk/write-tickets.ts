import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { idKey, lastById, lookupIds, markReportsDirty, peopleOf, validId } from "./id-map.ts";
import { type MappedTicket, mapTicket } from "./map-tickets.ts";
import type { Page } from "./resources.ts";
import type { ImportContext, ResourceWriter, Skip, WriteOutcome } from "./writer.ts";

/** Who the timeline says made an imported case. */
const ACTOR = "Zendesk import";

interface Row extends MappedTicket {
  id: string;
  customerId: string;
  teamId: string | null;
  known: boolean;
}

/**
 * `dry`: a dry run imports nothing, so requesters are not in the map yet; a missing one is then
 * no reason (the users writer reports the users it would skip), and the ticket is counted.
 */
async function plan(scope: TenantScope, source: string, page: Page<"tickets">, dry = false) {
  const skips: Skip[] = [];
  const tickets = lastById(page.records);
  const fieldIds = tickets.flatMap((t) =>
    Array.isArray(t?.custom_fields) ? t.custom_fields.map((f) => String(f?.id)) : [],
  );
  const { rows: defs } = await sql<{ external_id: string; title: string }>`
    select external_id, title from import_field_defs
     where workspace_id = ${scope.workspaceId} and source = ${source} and kind = 'ticket_field'
       and external_id = any(${[...new Set(fieldIds)]}::text[])`.execute(scope.db);
  const titles = new Map(defs.map((d) => [d.external_id, d.title]));
  const mapped: MappedTicket[] = [];
  for (const t of tickets) {
    const externalId = String(t?.id ?? "?");
    if (!validId(t?.id)) {
      skips.push({ externalId, outcome: "skipped", reason: "record without a valid id" });
      continue;
    }
    const m = mapTicket(t, titles);
    if ("skip" in m) skips.push({ externalId, outcome: "skipped", reason: m.skip });
    else mapped.push(m);
  }
  const ids = await lookupIds(scope, source, [
    { kind: "ticket", ids: mapped.map((m) => m.externalId) },
    { kind: "user", ids: mapped.map((m) => m.requesterId) },
    { kind: "group", ids: mapped.flatMap((m) => (m.groupId ? [m.groupId] : [])) },
  ]);
  const rows: Row[] = [];
  for (const m of mapped) {
    const customerId = ids.get(idKey("user", m.requesterId)) ?? (dry ? "" : undefined);
    if (customerId === undefined) {
      skips.push({
        externalId: m.externalId,
        outcome: "skipped",
        reason: `requester ${m.requesterId} was not imported (deleted, skipped or not an end user)`,
      });
      continue;
    }
    const caseId = ids.get(idKey("ticket", m.externalId));
    rows.push({
      ...m,
      id: caseId ?? randomUUID(),
      customerId,
      teamId: m.groupId ? (ids.get(idKey("group", m.groupId)) ?? null) : null,
      known: caseId !== undefined,
    });
  }
  const updated = rows.filter((r) => r.known).length;
  return { skips, rows, created: rows.length - updated, updated };
}

/**
 * Tickets become cases, in a few statements per page whatever its size: new cases (with their
 * numbers from the workspace's sequence, their import_ids and their `case.created` timeline
 * events), changed cases (a delta run: status, subject, tags… of the same case, never a new
 * one), and the reports' dirty marks. The Zendesk number is kept in import_number (shown and
 * searchable). The Zendesk assignee is the case's assignee when they are staff here already;
 * an agent still invited (cases.assignee_id names memberships) is kept by id and name in
 * import_data, and the case becomes theirs when they join (migration 0086's trigger). A delta
 * carries Zendesk's assignee like its status. No SLA column is set: imported history
 * was answered, or not, under Zendesk's rules. A deleted ticket is reported and, if it was
 * imported before, its case stays (history is not removed by an import).
 */
export const ticketsWriter: ResourceWriter<"tickets"> = {
  resource: "tickets",
  async assess(scope, source, page): Promise<WriteOutcome> {
    const p = await plan(scope, source, page, true);
    return { created: p.created, updated: p.updated, skips: p.skips };
  },
  // A ticket listed on two pages (an export repeats what changed while it was read): its
  // import_ids claim is the one row two neighbouring pages could both insert.
  overlapKeys: (page) => lastById(page.records).flatMap((t) => (validId(t?.id) ? [String(t.id)] : [])),
  async write(ctx, page): Promise<WriteOutcome> {
    const p = await plan(ctx.scope, ctx.source, page);
    // The page before this one may still be writing: new cases are inserted now, beside it;
    // what it may share with this one (a ticket both list, whose newer copy is this page's)
    // waits for its commit, then is an update of the case it made.
    const rows = await withAssignees(ctx, p.rows);
    const held = rows.filter((r) => ctx.heldByPageBefore.has(r.externalId));
    const now = rows.filter((r) => !ctx.heldByPageBefore.has(r.externalId));
    await insertCases(
      ctx,
      now.filter((r) => !r.known),
    );
    await ctx.inTurn();
    const settled = await settle(ctx, held);
    await insertCases(
      ctx,
      settled.filter((r) => !r.known),
    );
    const changed = [...now, ...settled].filter((r) => r.known);
    await updateCases(ctx, changed);
    await markReportsDirty(
      ctx.scope,
      [...now, ...settled].map((r) => r.id),
    );
    return { created: p.rows.length - changed.length, updated: changed.length, skips: p.skips };
  },
};

type Writable = Row & { assigneeMember: string | null };

/**
 * The Zendesk assignee: their membership if they are staff here, else kept by name until they
 * accept their invitation (an invitation is no membership to point at).
 */
async function withAssignees(ctx: ImportContext, rows: Row[]): Promise<Writable[]> {
  const people = await peopleOf(
    ctx.scope,
    ctx.source,
    rows.flatMap((r) => (typeof r.data.assigneeId === "string" ? [r.data.assigneeId] : [])),
  );
  return rows.map((r) => {
    const assignee = people.get(String(r.data.assigneeId));
    return {
      ...r,
      assigneeMember: assignee?.membershipId ?? null,
      data: { ...r.data, assigneeName: assignee?.name ?? null },
    };
  });
}

/** Tickets the page before also listed, read again once it committed: known now, as a rule. */
async function settle(ctx: ImportContext, rows: Writable[]): Promise<Writable[]> {
  if (rows.length === 0) return rows;
  const ids = await lookupIds(ctx.scope, ctx.source, [
    { kind: "ticket", ids: rows.map((r) => r.externalId) },
  ]);
  return rows.map((r) => {
    const caseId = ids.get(idKey("ticket", r.externalId));
    return caseId ? { ...r, id: caseId, known: true } : r;
  });
}

const input = (rows: Writable[]) => sql`
  select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as i(id uuid, "externalId" text, "customerId" uuid, "teamId" uuid, subject text, status text,
           priority text, channel text, tags text[], "createdAt" timestamptz, "updatedAt" timestamptz,
           data jsonb, known boolean, "assigneeMember" uuid)`;

/** New cases, with their numbers, import_ids claims and `case.created` timeline events. */
async function insertCases(ctx: ImportContext, rows: Writable[]): Promise<void> {
  if (rows.length === 0) return;
  const ws = ctx.scope.workspaceId;
  await sql`
    with input as (${input(rows)}),
    fresh as (
      insert into import_ids (workspace_id, source, kind, external_id, local_id)
      select ${ws}::uuid, ${ctx.source}, 'ticket', "externalId", id from input
      on conflict do nothing
      returning local_id),
    made as (
      insert into cases (id, workspace_id, number, customer_id, subject, status, priority, channel, team_id,
                         assignee_id, tags, last_activity_at, waiting_since, created_at, updated_at,
                         import_source, import_number, import_data)
      select i.id, ${ws}::uuid, next_case_number(${ws}), i."customerId", i.subject, i.status, i.priority,
             i.channel, i."teamId", i."assigneeMember", i.tags, i."updatedAt",
             case when i.status = 'new' then i."createdAt" end, i."createdAt", i."updatedAt",
             'zendesk', i."externalId", i.data
        from input i join fresh f on f.local_id = i.id
      returning id, customer_id, number, subject, channel, created_at)
    insert into timeline_events (workspace_id, customer_id, case_id, kind, actor_name, data, occurred_at)
    select ${ws}::uuid, customer_id, id, 'case.created', ${ACTOR},
           jsonb_build_object('number', number, 'subject', subject, 'channel', channel), created_at
      from made`.execute(ctx.scope.db);
}

/** A delta's changes to cases imported before: status, subject, tags… of the same case. */
async function updateCases(ctx: ImportContext, rows: Writable[]): Promise<void> {
  if (rows.length === 0) return;
  const ws = ctx.scope.workspaceId;
  await sql`
    with input as (${input(rows)})
    update cases c
       set subject = i.subject, status = i.status, priority = i.priority, channel = i.channel,
           team_id = i."teamId", assignee_id = i."assigneeMember", tags = i.tags, customer_id = i."customerId", updated_at = i."updatedAt",
           last_activity_at = greatest(c.last_activity_at, i."updatedAt"),
           waiting_since = case when i.status in ('solved', 'closed') then null else c.waiting_since end,
           import_data = i.data
      from input i
     where c.workspace_id = ${ws} and c.id = i.id
       and c.updated_at is distinct from i."updatedAt"`.execute(ctx.scope.db);
}
