import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import type { DryRunReport, ImportCounts } from "../schema-imports.ts";
import type { Page } from "./resources.ts";
import type { Skip } from "./writer.ts";

/** How many examples of each dry-run reason the report keeps. */
const REPORT_EXAMPLES = 5;

/*
 * What a run records as it goes (import_runs, import_checkpoints, import_skips): the pipeline's
 * bookkeeping, apart from its control flow.
 */
export async function recordSkips(
  scope: TenantScope,
  runId: string,
  resource: string,
  skips: Skip[],
): Promise<void> {
  if (skips.length === 0) return;
  await scope.db
    .insertInto("import_skips")
    .values(
      skips.map((s) => ({
        workspace_id: scope.workspaceId,
        run_id: runId,
        resource,
        external_id: s.externalId.slice(0, 200),
        outcome: s.outcome,
        reason: s.reason.slice(0, 1000),
      })),
    )
    .execute();
}

export async function saveCheckpoint(scope: TenantScope, source: string, page: Page): Promise<void> {
  await scope.db
    .insertInto("import_checkpoints")
    .values({
      workspace_id: scope.workspaceId,
      source,
      resource: page.resource,
      checkpoint: page.checkpoint,
      caught_up: page.endOfStream,
    })
    .onConflict((oc) =>
      oc.columns(["workspace_id", "source", "resource"]).doUpdateSet({
        checkpoint: page.checkpoint,
        caught_up: sql<boolean>`import_checkpoints.caught_up or ${page.endOfStream}`,
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute();
}

/** Counts and heartbeat after a page; returns the run's status, so a cancel is seen. */
export async function saveProgress(
  scope: TenantScope,
  runId: string,
  resource: string,
  counts: ImportCounts,
  report: DryRunReport,
): Promise<string> {
  const row = await scope
    .updateTable("import_runs")
    .set({
      resource,
      counts: JSON.stringify(counts),
      report: JSON.stringify(report),
      heartbeat_at: sql<Date>`now()`,
    })
    .where("id", "=", runId)
    .returning("status")
    .executeTakeFirst();
  return row?.status ?? "cancelled";
}

export function addToReport(report: DryRunReport, resource: string, skips: Skip[]): void {
  for (const skip of skips) {
    const key = `${resource}: ${skip.reason}`;
    const entry = report[key] ?? { count: 0, examples: [] };
    report[key] = entry;
    entry.count += 1;
    if (entry.examples.length < REPORT_EXAMPLES) entry.examples.push(skip.externalId);
  }
}

/** Ends the run; the credentials are dropped whatever the outcome (a resume asks again). */
export async function finish(
  scope: TenantScope,
  runId: string,
  status: string,
  error: string | null,
): Promise<void> {
  await scope
    .updateTable("import_runs")
    .set({
      status: status as "done",
      error,
      credentials_sealed: null,
      finished_at: sql<Date>`now()`,
    })
    .where("id", "=", runId)
    .where("status", "in", ["queued", "running", "cancelled"])
    .execute();
}
