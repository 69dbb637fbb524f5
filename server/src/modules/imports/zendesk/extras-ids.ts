import type { TenantScope } from "../../../platform/db/tenant.ts";

/**
 * The id map (import_ids) as the extras writers use it: one read and one write per kind per
 * page, never one per record. Kinds read here but written by the core writers: "ticket" (case
 * id), "group" (team id), "user" (customer id), "staff" (invitation id).
 */
export async function localIds(
  scope: TenantScope,
  source: string,
  kind: string,
  externalIds: Iterable<string>,
): Promise<Map<string, string>> {
  const ids = [...new Set(externalIds)];
  if (ids.length === 0) return new Map();
  const rows = await scope
    .selectFrom("import_ids")
    .select(["external_id", "local_id"])
    .where("source", "=", source)
    .where("kind", "=", kind)
    .where("external_id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.external_id, r.local_id]));
}

/** Records (or re-points) external → local ids of one kind, in one statement. */
export async function rememberIds(
  scope: TenantScope,
  source: string,
  kind: string,
  pairs: Array<{ externalId: string; localId: string }>,
): Promise<void> {
  if (pairs.length === 0) return;
  await scope.db
    .insertInto("import_ids")
    .values(
      pairs.map((p) => ({
        workspace_id: scope.workspaceId,
        source,
        kind,
        external_id: p.externalId,
        local_id: p.localId,
      })),
    )
    .onConflict((oc) =>
      oc.columns(["workspace_id", "source", "kind", "external_id"]).doUpdateSet((eb) => ({
        local_id: eb.ref("excluded.local_id"),
      })),
    )
    .execute();
}

/** Zendesk ids are numbers in JSON; the id map keeps them as text. */
export const zid = (id: unknown): string | null =>
  typeof id === "number" && Number.isSafeInteger(id) && id > 0
    ? String(id)
    : typeof id === "string" && /^[1-9][0-9]{0,19}$/.test(id)
      ? id
      : null;

/** A Zendesk timestamp as a Date, or null when it is not one. */
export function zdTime(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}
