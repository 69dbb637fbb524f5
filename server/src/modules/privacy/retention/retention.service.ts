import type { RetentionPolicy, RetentionRun } from "../../../../../contracts/privacy.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { iso } from "../../../platform/http/route-kit.ts";
import { forWorkspace } from "../../../platform/jobs/fenced-jobs.ts";
import { audit } from "../../audit/audit.ts";
import { countHeld, deleteOldClosedCases, deleteOldRawEmails, deleteOldSnapshots } from "./retention.repo.ts";

type Ctx = Pick<AppContext, "db" | "files" | "log">;

const DAY = 86_400_000;
/** Rows per transaction: short locks, and a crash loses at most one batch of work (redone next run). */
const BATCH = 200;
/** Batches per kind per run, so one run is bounded; the next day's run continues. */
const MAX_BATCHES = 100;

export async function getPolicy(ctx: Pick<Ctx, "db">, workspaceId: string): Promise<RetentionPolicy> {
  const row = await new TenantScope(ctx.db, workspaceId)
    .selectFrom("retention_policies")
    .select(["closed_case_days", "raw_email_days", "snapshot_days"])
    .executeTakeFirst();
  return {
    closedCaseDays: row?.closed_case_days ?? null,
    rawEmailDays: row?.raw_email_days ?? null,
    snapshotDays: row?.snapshot_days ?? null,
  };
}

export async function setPolicy(
  ctx: Pick<Ctx, "db">,
  actor: Actor,
  input: RetentionPolicy,
): Promise<RetentionPolicy> {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const values = {
      closed_case_days: input.closedCaseDays,
      raw_email_days: input.rawEmailDays,
      snapshot_days: input.snapshotDays,
      updated_at: new Date(),
      updated_by: actor.userId,
    };
    await scope
      .insertInto("retention_policies", values)
      .onConflict((oc) => oc.column("workspace_id").doUpdateSet(values))
      .execute();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "retention.policy_changed",
      subjectType: "workspace",
      subjectId: actor.workspaceId,
      data: { ...input },
    });
    return getPolicy({ db: tx }, actor.workspaceId);
  });
}

type RunRow = {
  id: string;
  trigger: "schedule" | "manual";
  started_by_name: string | null;
  started_at: Date;
  finished_at: Date | null;
  cases_deleted: number;
  files_deleted: number;
  raw_emails_deleted: number;
  snapshots_deleted: number;
  held_skipped: number;
};

const presentRun = (r: RunRow): RetentionRun => ({
  id: r.id,
  trigger: r.trigger,
  startedByName: r.started_by_name,
  startedAt: iso(r.started_at),
  finishedAt: iso(r.finished_at),
  casesDeleted: r.cases_deleted,
  filesDeleted: r.files_deleted,
  rawEmailsDeleted: r.raw_emails_deleted,
  snapshotsDeleted: r.snapshots_deleted,
  heldSkipped: r.held_skipped,
});

export async function listRuns(ctx: Pick<Ctx, "db">, workspaceId: string): Promise<RetentionRun[]> {
  const rows = await new TenantScope(ctx.db, workspaceId)
    .selectFrom("retention_runs")
    .selectAll()
    .orderBy("started_at", "desc")
    .limit(50)
    .execute();
  return rows.map((r) => presentRun(r as RunRow));
}

/**
 * Applies a workspace's policy now: closed cases (with their messages, attachments and files),
 * raw inbound email and diagnostic snapshots older than the policy's days, skipping anything a
 * legal hold covers, in batches of BATCH rows per transaction. Records and audits what it
 * removed. Files are deleted after their rows' transaction commits; if that fails, the
 * orphaned-file collector removes them later, since no row lists them any more.
 */
export async function runRetention(
  ctx: Ctx,
  workspaceId: string,
  by: { trigger: "schedule" | "manual"; actor?: Actor; now?: Date },
): Promise<RetentionRun> {
  const policy = await getPolicy(ctx, workspaceId);
  const now = by.now ?? new Date();
  const cutoff = (days: number | null) => (days === null ? null : new Date(now.getTime() - days * DAY));
  const cutoffs = {
    cases: cutoff(policy.closedCaseDays),
    emails: cutoff(policy.rawEmailDays),
    snapshots: cutoff(policy.snapshotDays),
  };
  const scope = new TenantScope(ctx.db, workspaceId);
  const run = await scope
    .insertInto("retention_runs", { trigger: by.trigger, started_by_name: by.actor?.name ?? null })
    .returning("id")
    .executeTakeFirstOrThrow();
  const counts = { cases: 0, files: 0, emails: 0, snapshots: 0 };

  if (cutoffs.cases) {
    for (let i = 0; i < MAX_BATCHES; i++) {
      const at = cutoffs.cases;
      const batch = await inTransaction(ctx.db, (tx) => deleteOldClosedCases(tx, workspaceId, at, BATCH));
      counts.cases += batch.deleted;
      for (const key of batch.fileKeys) {
        try {
          await ctx.files.delete(key);
          counts.files++;
        } catch (error) {
          ctx.log.warn(
            { err: error, key },
            "retention: a file could not be deleted; the collector will retry",
          );
        }
      }
      if (batch.deleted < BATCH) break;
    }
  }
  if (cutoffs.emails) {
    for (let i = 0; i < MAX_BATCHES; i++) {
      const at = cutoffs.emails;
      const n = await inTransaction(ctx.db, (tx) => deleteOldRawEmails(tx, workspaceId, at, BATCH));
      counts.emails += n;
      if (n < BATCH) break;
    }
  }
  if (cutoffs.snapshots) {
    for (let i = 0; i < MAX_BATCHES; i++) {
      const at = cutoffs.snapshots;
      const n = await inTransaction(ctx.db, (tx) => deleteOldSnapshots(tx, workspaceId, at, BATCH));
      counts.snapshots += n;
      if (n < BATCH) break;
    }
  }

  return inTransaction(ctx.db, async (tx) => {
    const s = new TenantScope(tx, workspaceId);
    const heldSkipped = await countHeld(tx, workspaceId, cutoffs);
    const row = await s
      .updateTable("retention_runs")
      .set({
        finished_at: new Date(),
        cases_deleted: counts.cases,
        files_deleted: counts.files,
        raw_emails_deleted: counts.emails,
        snapshots_deleted: counts.snapshots,
        held_skipped: heldSkipped,
      })
      .where("id", "=", run.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(s, {
      actorUserId: by.actor?.userId ?? null,
      action: "retention.run",
      subjectType: "retention_run",
      subjectId: run.id,
      data: { trigger: by.trigger, ...counts, heldSkipped },
    });
    return presentRun(row as RunRow);
  });
}

/** The daily `privacy.retention` job: every workspace that has a policy with at least one rule. */
export async function sweepRetention(ctx: Ctx): Promise<void> {
  // Finding the workspaces is the one cross-workspace read, as other sweeps do.
  const rows = await ctx.db
    .selectFrom("retention_policies")
    .select("workspace_id")
    .where((eb) =>
      eb.or([
        eb("closed_case_days", "is not", null),
        eb("raw_email_days", "is not", null),
        eb("snapshot_days", "is not", null),
      ]),
    )
    .execute();
  for (const r of rows)
    await forWorkspace(r.workspace_id, () => runRetention(ctx, r.workspace_id, { trigger: "schedule" }));
}
