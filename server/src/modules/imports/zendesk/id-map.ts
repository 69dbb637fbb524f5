import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";

/**
 * The import_ids map, read a page at a time: one query for every id a page refers to, of any
 * kinds, never one per record. Keys are `kind:externalId`.
 */
export type IdMap = Map<string, string>;

export const idKey = (kind: string, externalId: string | number) => `${kind}:${externalId}`;

export async function lookupIds(
  scope: TenantScope,
  source: string,
  wanted: Array<{ kind: string; ids: Array<string | number> }>,
): Promise<IdMap> {
  const byKind = new Map<string, string[]>();
  for (const w of wanted) {
    const ids = new Set(w.ids.map(String));
    if (ids.size > 0) byKind.set(w.kind, [...(byKind.get(w.kind) ?? []), ...ids]);
  }
  const map: IdMap = new Map();
  if (byKind.size === 0) return map;
  // One branch per kind, each `external_id = any(...)` on the primary key: an index probe per
  // id whatever the table's size (a join on unnest was planned as a scan of the whole map).
  const branches = [...byKind].map(
    ([kind, ids]) => sql`
      select kind, external_id, local_id from import_ids
       where workspace_id = ${scope.workspaceId} and source = ${source} and kind = ${kind}
         and external_id = any(${ids}::text[])`,
  );
  const { rows } = await sql<{ kind: string; external_id: string; local_id: string }>`${sql.join(
    branches,
    sql` union all `,
  )}`.execute(scope.db);
  for (const r of rows) map.set(idKey(r.kind, r.external_id), r.local_id);
  return map;
}

/** Remembers what records became, set-based; a pair already known keeps its first mapping. */
export async function rememberIds(
  scope: TenantScope,
  source: string,
  kind: string,
  pairs: Array<{ externalId: string; localId: string }>,
): Promise<void> {
  if (pairs.length === 0) return;
  await sql`
    insert into import_ids (workspace_id, source, kind, external_id, local_id)
    select ${scope.workspaceId}::uuid, ${source}, ${kind}, e, l
      from unnest(${pairs.map((p) => p.externalId)}::text[], ${pairs.map((p) => p.localId)}::uuid[]) as t(e, l)
    on conflict (workspace_id, source, kind, external_id) do nothing`.execute(scope.db);
}

/** Records of a page whose id is not a positive integer: malformed, skipped by every writer. */
export function validId(id: unknown): id is number {
  return typeof id === "number" && Number.isSafeInteger(id) && id > 0;
}

/** Marks cases for the reports refresher once per page (the per-row triggers are silent in an import, 0083). */
export async function markReportsDirty(scope: TenantScope, caseIds: string[]): Promise<void> {
  if (caseIds.length === 0) return;
  await sql`
    insert into report_dirty_cases (case_id, workspace_id)
    select id, ${scope.workspaceId}::uuid from unnest(${caseIds}::uuid[]) as id
    on conflict (case_id, workspace_id) do nothing`.execute(scope.db);
}

/**
 * A page's records, each id once: the last copy wins (an incremental export may list a record
 * twice when it changed while being read). Multi-row upserts cannot touch one row twice.
 */
export function lastById<T extends { id?: unknown }>(records: T[]): T[] {
  const byId = new Map<unknown, T>();
  const invalid: T[] = [];
  for (const r of records) {
    if (r && validId(r.id)) {
      byId.delete(r.id);
      byId.set(r.id, r);
    } else invalid.push(r);
  }
  return [...invalid, ...byId.values()];
}

/** A Zendesk user as the writers name them; `membershipId` when an agent is staff here already. */
export interface Person {
  name: string;
  agent: boolean;
  membershipId: string | null;
}

/**
 * Who Zendesk users are, by id: an agent (import_agents) or an end user (their customer's
 * name). Index probes by `= any(...)`, three statements per page whatever its size.
 */
export async function peopleOf(
  scope: TenantScope,
  source: string,
  userIds: string[],
): Promise<Map<string, Person>> {
  const people = new Map<string, Person>();
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return people;
  const ws = scope.workspaceId;
  const { rows: agents } = await sql<{ external_id: string; name: string; membership_id: string | null }>`
    select external_id, name, membership_id from import_agents
     where workspace_id = ${ws} and source = ${source} and external_id = any(${ids}::text[])`.execute(
    scope.db,
  );
  for (const a of agents)
    people.set(a.external_id, { name: a.name, agent: true, membershipId: a.membership_id });
  const users = await lookupIds(scope, source, [{ kind: "user", ids: ids.filter((id) => !people.has(id)) }]);
  if (users.size > 0) {
    const { rows } = await sql<{ id: string; name: string }>`
      select id, name from customers where workspace_id = ${ws} and id = any(${[...users.values()]}::uuid[])`.execute(
      scope.db,
    );
    const names = new Map(rows.map((r) => [r.id, r.name]));
    for (const [key, local] of users) {
      const name = names.get(local);
      if (name) people.set(key.slice("user:".length), { name, agent: false, membershipId: null });
    }
  }
  return people;
}
