import { readCatalogue } from "../platform/db/citus/catalogue.ts";
import { planCitus } from "../platform/db/citus/plan.ts";
import { withDatabase } from "./database.ts";

/** The schemas whose tables Citus would hold; pg-boss's queue (schema pgboss) stays local. */
const SCHEMAS = ["public", "auth"];

/**
 * `scaling citus-plan [--check]`: prints, from the live catalogue, the calls that distribute
 * this database with Citus (docs/SCALING.md), and every constraint that would make Citus
 * refuse them. With --check it prints only the blockers and fails when there is one.
 */
export async function citusPlanCommand(opts: { check?: boolean | undefined }): Promise<void> {
  const plan = await withDatabase(async (ctx) => planCitus(await readCatalogue(ctx.db, SCHEMAS)));
  const count = (p: string) => [...plan.placements.values()].filter((v) => v === p).length;
  const lines: string[] = [];
  if (!opts.check) {
    lines.push(
      `-- Citus plan: ${count("distributed")} tables distributed by workspace_id (co-located),`,
      `-- ${count("reference")} reference tables, ${count("coordinator")} kept on the coordinator.`,
      "-- Run on the coordinator after CREATE EXTENSION citus and citus_add_node for each worker.",
      ...plan.statements,
    );
    if (plan.cyclic.length > 0)
      lines.push(
        "-- These foreign keys form cycles: drop them before the calls above, add them back after:",
        ...plan.cyclic.map((k) => `--   ${k}`),
      );
  }
  for (const b of plan.blockers) lines.push(`-- BLOCKER ${b.table}.${b.constraint}: ${b.reason}`);
  lines.push(
    plan.blockers.length === 0
      ? "-- No blockers: the schema can be distributed as it is."
      : `-- ${plan.blockers.length} blockers: Citus would refuse the plan until they are fixed.`,
  );
  console.log(lines.join("\n"));
  if (opts.check && plan.blockers.length > 0)
    throw new Error(`${plan.blockers.length} constraints block distribution by workspace_id`);
}
