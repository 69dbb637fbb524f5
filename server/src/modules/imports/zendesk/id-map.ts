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
  const kinds: string[] = [];
  const ids: string[] = [];
  for (const w of wanted) {
    for (const id of new Set(w.ids.map(String))) {
      kinds.push(w.kind);
      ids.push(id);
    }
  }
  const map: IdMap = new Map();
  if (ids.length === 0) return map;
  const { rows } = await sql<{ kind: string; external_id: string; local_id: string }>`
    select i.kind, i.external_id, i.local_id from import_ids i
      join unnest(${kinds}::text[], ${ids}::text[]) as w(kind, external_id)
        on i.kind = w.kind and i.external_id = w.external_id
     where i.workspace_id = ${scope.workspaceId} and i.source = ${source}`.execute(scope.db);
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
    on conflict (case_id) do nothing`.execute(scope.db);
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
