import type { Catalogue, CatalogueKey } from "./catalogue.ts";

/**
 * The plan for distributing Rapport's schema with Citus (issue #25; docs/SCALING.md).
 *
 * Tenant data is distributed by `workspace_id`, all of it in one co-location group so that a
 * workspace's rows of every table live on the same node and joins between them stay local.
 * Tables without `workspace_id` (the workspaces themselves, sign-in identities) are small and
 * global: reference tables, copied to every node. Citus refuses a distributed table whose
 * primary key, unique constraint or unique index leaves out the distribution column, a foreign
 * key between distributed tables that does not pair `workspace_id` with `workspace_id`, and a
 * foreign key from a reference table to a distributed one; each of those is a blocker here.
 */
export const DISTRIBUTION_COLUMN = "workspace_id";

/** Tables that stay on the coordinator only: bookkeeping of the installation, not tenant data. */
export const COORDINATOR_ONLY = new Set(["schema_migrations"]);

/**
 * Tenant tables that are nevertheless reference tables, because a lookup must be unique across
 * the installation before any workspace is known: an inbound address names exactly one
 * workspace (mail arrives for the address, not for a workspace). They are small, and no
 * distributed table points at them.
 */
export const REFERENCE_BY_CHOICE = new Set(["support_addresses"]);

export type Placement = "distributed" | "reference" | "coordinator";
export type Blocker = { table: string; constraint: string; kind: CatalogueKey["kind"]; reason: string };

export type CitusPlan = {
  placements: Map<string, Placement>;
  blockers: Blocker[];
  /** The SQL to run on the coordinator once `CREATE EXTENSION citus` is done, in order. */
  statements: string[];
  /** Foreign keys in a cycle between distributed tables: drop before, add back after. */
  cyclic: string[];
};

export function planCitus(catalogue: Catalogue): CitusPlan {
  const placements = new Map<string, Placement>();
  for (const t of catalogue.tables) {
    if (COORDINATOR_ONLY.has(t.name)) placements.set(t.name, "coordinator");
    else if (REFERENCE_BY_CHOICE.has(t.name)) placements.set(t.name, "reference");
    else placements.set(t.name, t.columns.includes(DISTRIBUTION_COLUMN) ? "distributed" : "reference");
  }
  const blockers = catalogue.keys.flatMap((k) => blockerOf(k, placements));
  return { placements, blockers, ...statementsFor(catalogue, placements) };
}

function blockerOf(key: CatalogueKey, placements: Map<string, Placement>): Blocker[] {
  const mine = placements.get(key.table);
  const blocker = (reason: string): Blocker[] => [
    { table: key.table, constraint: key.name, kind: key.kind, reason },
  ];
  if (key.kind !== "foreign key") {
    if (mine === "distributed" && !key.columns.includes(DISTRIBUTION_COLUMN))
      return blocker(`${key.kind} (${key.columns.join(", ")}) leaves out ${DISTRIBUTION_COLUMN}`);
    return [];
  }
  const target = key.references ? placements.get(key.references.table) : undefined;
  if (!key.references || target === undefined) return [];
  if (mine === "reference" && target === "distributed")
    return blocker(`a reference table may not point at the distributed ${key.references.table}`);
  if (mine === "distributed" && target === "distributed") {
    const at = key.columns.indexOf(DISTRIBUTION_COLUMN);
    if (at < 0 || key.references.columns[at] !== DISTRIBUTION_COLUMN)
      return blocker(
        `foreign key (${key.columns.join(", ")}) → ${key.references.table} (${key.references.columns.join(", ")}) does not pair ${DISTRIBUTION_COLUMN} with ${DISTRIBUTION_COLUMN}`,
      );
  }
  return [];
}

/**
 * Reference tables first (they are foreign-key targets), then distributed tables with every
 * table a foreign key points at before the table that points: Citus checks a foreign key when
 * the pointing table is distributed. The first distributed table anchors the co-location group.
 */
function statementsFor(
  catalogue: Catalogue,
  placements: Map<string, Placement>,
): { statements: string[]; cyclic: string[] } {
  const literal = (name: string) => `'${name.replaceAll("'", "''")}'`;
  const of = (p: Placement) =>
    catalogue.tables.filter((t) => placements.get(t.name) === p).map((t) => t.name);
  const dependsOn = new Map<string, Map<string, string[]>>();
  for (const k of catalogue.keys) {
    if (k.kind !== "foreign key" || !k.references || k.references.table === k.table) continue;
    if (placements.get(k.references.table) !== "distributed") continue;
    const deps = dependsOn.get(k.table) ?? new Map<string, string[]>();
    deps.set(k.references.table, [...(deps.get(k.references.table) ?? []), `${k.table}.${k.name}`]);
    dependsOn.set(k.table, deps);
  }
  const cyclic: string[] = [];
  const ordered: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (table: string) => {
    if (state.get(table)) return;
    state.set(table, "visiting");
    for (const [dep, keys] of [...(dependsOn.get(table) ?? [])].sort(([a], [b]) => a.localeCompare(b))) {
      // A cycle (tables pointing at each other) is broken where it is found: those keys are
      // dropped before distributing and added back after.
      if (state.get(dep) === "visiting") cyclic.push(...keys);
      else visit(dep);
    }
    state.set(table, "done");
    ordered.push(table);
  };
  for (const t of of("distributed")) visit(t);

  const anchor = ordered[0];
  const statements = [
    ...of("reference").map((t) => `SELECT create_reference_table(${literal(t)});`),
    ...ordered.map((t) =>
      t === anchor
        ? `SELECT create_distributed_table(${literal(t)}, '${DISTRIBUTION_COLUMN}');`
        : `SELECT create_distributed_table(${literal(t)}, '${DISTRIBUTION_COLUMN}', colocate_with => ${literal(anchor ?? t)});`,
    ),
  ];
  return { statements, cyclic };
}
