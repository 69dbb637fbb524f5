import { sql } from "kysely";
import { OPEN_STATUSES } from "../../../../contracts/cases.ts";
import type { TimelineEvent } from "../../../../contracts/timeline.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { isoTime } from "../../platform/db/cursor.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { type CaseRow, presentCase, statusIn } from "../cases/cases.repo.ts";
import { knownIssuesFor } from "../problems/known-issues.ts";
import { type IdentityKind, normalizeIdentity } from "./identities.ts";

type Ctx = Pick<AppContext, "db">;

/**
 * Everything known about one customer, for a screen pop, a lookup or the customer panel:
 * identities, current facts, devices, open and recent cases, and the last 50 events.
 * One statement builds it all as JSON (see contextQuery): a lookup is one round trip.
 */
export async function customerContext(scope: TenantScope, customerId: string) {
  const row = await contextQuery(scope, sql`${customerId}::uuid`);
  if (!row?.customer) throw new AppError("not_found", "Customer was not found");
  return presentContext(scope, row);
}

type JsonCase = Omit<CaseRow, "cursorAt">;
type ContextRow = {
  owner: string | null;
  customer: { id: string; name: string; organization: string | null } | null;
  identities: Array<{
    id: string;
    kind: IdentityKind;
    value: string;
    display: string;
    undeliverable: string | null;
  }> | null;
  facts: Record<string, unknown> | null;
  devices: Array<{
    id: string;
    customerId: string;
    model: string;
    serial: string;
    firmware: string | null;
    createdAt: string;
  }> | null;
  openCases: JsonCase[] | null;
  recentCases: JsonCase[] | null;
  timeline: Array<{
    id: string;
    kind: TimelineEvent["kind"];
    occurredAt: string;
    customerId: string;
    caseId: string | null;
    caseNumber: string | null;
    actorId: string | null;
    actorName: string | null;
    data: Record<string, unknown>;
  }> | null;
};

/** The case columns of cases.repo's caseQuery, as a JSON object per row. */
const caseJson = (ws: string, where: ReturnType<typeof sql>, limit: number) => sql`(
  select json_agg(x) from (
    select c.id, c.number::text as number, c.subject, c.status, c.priority, c.channel, c.tags,
           c.customer_id as "customerId", o.name as "customerName",
           o.organization as "customerOrganization", c.assignee_id as "assigneeId",
           au.name as "assigneeName", c.team_id as "teamId", t.name as "teamName",
           ${isoTime("c.created_at")} as "createdAt", ${isoTime("c.updated_at")} as "updatedAt",
           ${isoTime("c.last_activity_at")} as "lastActivityAt",
           ${isoTime("c.waiting_since")} as "waitingSince"
      from cases c
      left join memberships am on am.id = c.assignee_id
      left join auth."user" au on au.id = am.user_id
      left join teams t on t.id = c.team_id
     where c.workspace_id = ${ws} and c.customer_id = o.id and ${where}
     order by c.last_activity_at desc, c.id desc
     limit ${limit}) x)`;

/**
 * The whole context in one statement. `owner` is the customer id, or a subquery finding it
 * (lookup); the row says whether an owner was found and whether it is a live customer.
 * Every part reads through an index on (workspace_id or customer_id) and is bounded. The
 * materialized CTEs run the owner lookup once (inlined, it would run once per part).
 */
async function contextQuery(scope: TenantScope, owner: ReturnType<typeof sql>) {
  const ws = scope.workspaceId;
  const open = statusIn("c.status", OPEN_STATUSES);
  const { rows } = await sql<ContextRow>`
    with owner as materialized (select ${owner} as id),
    o as materialized (
      select owner.id, cu.id as live, cu.name, cu.organization from owner
        left join customers cu on cu.workspace_id = ${ws} and cu.id = owner.id and cu.merged_into is null)
    select o.id as owner,
      case when o.live is not null
        then json_build_object('id', o.live, 'name', o.name, 'organization', o.organization) end as customer,
      (select json_agg(i) from (
         select id, kind, value, display, undeliverable from customer_identities
          where workspace_id = ${ws} and customer_id = o.id
          order by array_position(array['email', 'phone', 'account'], kind), created_at, id) i) as identities,
      (select json_object_agg(key, value order by key) from facts
        where workspace_id = ${ws} and customer_id = o.id and superseded_at is null) as facts,
      (select json_agg(d) from (
         select id, customer_id as "customerId", model, serial, firmware, ${isoTime("created_at")} as "createdAt"
           from devices where workspace_id = ${ws} and customer_id = o.id order by created_at) d) as devices,
      ${caseJson(ws, open, 50)} as "openCases",
      ${caseJson(ws, sql`c.status in ('solved', 'closed')`, 10)} as "recentCases",
      (select json_agg(e) from (
         select te.id::text as id, te.kind, ${isoTime("te.occurred_at")} as "occurredAt",
                te.customer_id as "customerId", te.case_id as "caseId", c.number::text as "caseNumber",
                te.actor_user_id as "actorId", te.actor_name as "actorName", te.data
           from timeline_events te left join cases c on c.id = te.case_id
          where te.workspace_id = ${ws} and te.customer_id = o.id
          order by te.id desc limit 50) e) as timeline
    from o`.execute(scope.db);
  return rows[0];
}

async function presentContext(scope: TenantScope, row: ContextRow) {
  const asCase = (c: JsonCase) => presentCase({ ...c, cursorAt: c.lastActivityAt });
  const devices = row.devices ?? [];
  return {
    customer: row.customer as NonNullable<ContextRow["customer"]>,
    identities: row.identities ?? [],
    facts: row.facts ?? {},
    devices,
    // Known issues come before anything the customer has to explain (issue #14).
    knownIssues: await knownIssuesFor(scope, devices),
    openCases: (row.openCases ?? []).map(asCase),
    recentCases: (row.recentCases ?? []).map(asCase),
    timeline: (row.timeline ?? []).map((e) => ({
      id: e.id,
      kind: e.kind,
      occurredAt: e.occurredAt,
      customerId: e.customerId,
      caseId: e.caseId,
      caseNumber: e.caseNumber === null ? null : Number(e.caseNumber),
      actor: e.actorName === null ? null : { id: e.actorId, name: e.actorName },
      data: e.data,
    })),
  };
}

/** Caller-ID and friends: find by any identity, however it is written. */
export async function lookupCustomer(
  ctx: Ctx,
  actor: Actor,
  query: { phone?: string | undefined; email?: string | undefined; account?: string | undefined },
) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const [kind, raw] = (Object.entries(query).find(([, v]) => v) ?? []) as [IdentityKind, string];
  let value: string;
  try {
    value = normalizeIdentity(kind, raw, actor.workspaceRegion, kind).value;
  } catch {
    throw new AppError("customer_not_found", `No customer has the ${kind} ${raw}`);
  }
  // The owner is found inside the same statement: a lookup is one round trip.
  const row = await contextQuery(
    scope,
    sql`(select customer_id from customer_identities
          where workspace_id = ${scope.workspaceId} and kind = ${kind} and value = ${value})`,
  );
  if (!row?.owner) throw new AppError("customer_not_found", `No customer has the ${kind} ${raw}`);
  if (!row.customer) throw new AppError("not_found", "Customer was not found");
  return presentContext(scope, row);
}
