import { sql } from "kysely";
import type { DiagnosticSource } from "../../../../contracts/diagnostics.ts";
import { exactTime, type Keyset } from "../../platform/db/cursor.ts";
import type { Executor, TenantScope } from "../../platform/db/tenant.ts";
import type { Segment } from "./paths.ts";

function snapshotQuery(scope: TenantScope) {
  return scope
    .selectFrom("diagnostic_snapshots")
    .leftJoin("devices as d", "d.id", "diagnostic_snapshots.device_id")
    .select([
      "diagnostic_snapshots.id as id",
      "diagnostic_snapshots.customer_id as customerId",
      "diagnostic_snapshots.device_id as deviceId",
      "d.serial as deviceSerial",
      "diagnostic_snapshots.case_id as caseId",
      "diagnostic_snapshots.run_id as runId",
      "diagnostic_snapshots.source as source",
      "diagnostic_snapshots.summary as summary",
      "diagnostic_snapshots.size_bytes as sizeBytes",
      "diagnostic_snapshots.masked_paths as maskedPaths",
      "diagnostic_snapshots.submitted_by as submittedBy",
      "diagnostic_snapshots.submitted_by_name as submittedByName",
      "diagnostic_snapshots.code_id as codeId",
      "diagnostic_snapshots.captured_at as capturedAt",
      exactTime("diagnostic_snapshots.captured_at").as("cursorAt"),
    ]);
}

export type SnapshotRow = Awaited<ReturnType<ReturnType<typeof snapshotQuery>["execute"]>>[number];

export async function insertSnapshot(
  scope: TenantScope,
  row: {
    customerId: string;
    deviceId: string | null;
    caseId: string | null;
    source: DiagnosticSource;
    data: unknown;
    sizeBytes: number;
    maskedPaths: string[];
    summary: string;
    submittedBy: string | null;
    submittedByName: string | null;
    codeId: string | null;
    runId: string | null;
  },
): Promise<string> {
  const { id } = await scope
    .insertInto("diagnostic_snapshots", {
      customer_id: row.customerId,
      device_id: row.deviceId,
      case_id: row.caseId,
      source: row.source,
      data: JSON.stringify(row.data),
      size_bytes: row.sizeBytes,
      masked_paths: row.maskedPaths,
      summary: row.summary,
      submitted_by: row.submittedBy,
      submitted_by_name: row.submittedByName,
      code_id: row.codeId,
      run_id: row.runId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function findSnapshot(scope: TenantScope, id: string) {
  return snapshotQuery(scope).where("diagnostic_snapshots.id", "=", id).executeTakeFirst();
}

export async function snapshotData(scope: TenantScope, id: string): Promise<Record<string, unknown>> {
  const row = await scope
    .selectFrom("diagnostic_snapshots")
    .select("data")
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return row.data as Record<string, unknown>;
}

/**
 * The snapshots a playbook run may branch on, newest first: those sent for the run (with its
 * code, or pasted into it) and, for a run on a case, those filed on that case since `since`.
 * A snapshot of another request is never offered.
 */
export async function snapshotsForRun(
  scope: TenantScope,
  run: { id: string; caseId: string | null },
  since: Date,
  limit: number,
) {
  return snapshotQuery(scope)
    .where((eb) => {
      const own = eb("diagnostic_snapshots.run_id", "=", run.id);
      if (!run.caseId) return own;
      return eb.or([
        own,
        eb.and([
          eb("diagnostic_snapshots.case_id", "=", run.caseId),
          eb("diagnostic_snapshots.captured_at", ">=", since),
        ]),
      ]);
    })
    .orderBy("diagnostic_snapshots.captured_at", "desc")
    .orderBy("diagnostic_snapshots.id", "desc")
    .limit(limit)
    .execute();
}

/** The case-less snapshots sent for a run (a self-service run that now opens a case). */
export async function caselessRunSnapshotIds(scope: TenantScope, runId: string) {
  const rows = await scope
    .selectFrom("diagnostic_snapshots")
    .select("id")
    .where("run_id", "=", runId)
    .where("case_id", "is", null)
    .execute();
  return rows.map((r) => r.id);
}

/** Files the customer's case-less snapshots among `ids` on a case; returns those it moved. */
export async function attachToCase(scope: TenantScope, customerId: string, ids: string[], caseId: string) {
  if (ids.length === 0) return [];
  const rows = await scope
    .updateTable("diagnostic_snapshots")
    .set({ case_id: caseId })
    .where("customer_id", "=", customerId)
    .where("case_id", "is", null)
    .where("id", "in", ids)
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}

/** Newest first, keyset on (captured_at, id). */
export async function listSnapshots(
  scope: TenantScope,
  filter: { deviceId: string } | { caseId: string },
  after: Keyset | undefined,
  limit: number,
) {
  let q = snapshotQuery(scope)
    .orderBy("diagnostic_snapshots.captured_at", "desc")
    .orderBy("diagnostic_snapshots.id", "desc")
    .limit(limit + 1);
  q =
    "deviceId" in filter
      ? q.where("diagnostic_snapshots.device_id", "=", filter.deviceId)
      : q.where("diagnostic_snapshots.case_id", "=", filter.caseId);
  if (after) {
    q = q.where(
      sql<boolean>`(diagnostic_snapshots.captured_at, diagnostic_snapshots.id) < (${after.at}::timestamptz, ${after.id}::uuid)`,
    );
  }
  return q.execute();
}

/** The snapshot of the same device just before this one. */
export async function previousOnDevice(
  scope: TenantScope,
  s: { id: string; deviceId: string; cursorAt: string },
) {
  return snapshotQuery(scope)
    .where("diagnostic_snapshots.device_id", "=", s.deviceId)
    .where(
      sql<boolean>`(diagnostic_snapshots.captured_at, diagnostic_snapshots.id) < (${s.cursorAt}::timestamptz, ${s.id}::uuid)`,
    )
    .orderBy("diagnostic_snapshots.captured_at", "desc")
    .orderBy("diagnostic_snapshots.id", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** Numeric values at one path over the device's latest `limit` snapshots, oldest first. */
export async function numericSeries(scope: TenantScope, deviceId: string, path: Segment[], limit: number) {
  const pathArray = path.map(String);
  const value = sql<unknown>`data #> ${pathArray}::text[]`;
  const rows = await scope
    .selectFrom("diagnostic_snapshots")
    .select(["id", "captured_at as capturedAt", value.as("value")])
    .where("device_id", "=", deviceId)
    .where(sql<boolean>`jsonb_typeof(data #> ${pathArray}::text[]) = 'number'`)
    .orderBy("captured_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.reverse();
}

// One-time codes.

export async function insertCode(
  scope: TenantScope,
  row: {
    codeHash: string;
    customerId: string;
    caseId: string | null;
    deviceSerial: string | null;
    createdBy: string | null;
    expiresAt: Date;
    runId: string | null;
  },
) {
  await scope
    .insertInto("diagnostic_codes", {
      code_hash: row.codeHash,
      customer_id: row.customerId,
      case_id: row.caseId,
      device_serial: row.deviceSerial,
      created_by: row.createdBy,
      expires_at: row.expiresAt,
      run_id: row.runId,
    })
    .execute();
}

/**
 * Finds and locks a code by its hash, in any workspace: this lookup *finds* the scope for
 * the unauthenticated by-code route (like the API-token lookup), so it is deliberately unscoped.
 */
export async function lockCodeByHash(db: Executor, codeHash: string) {
  return db
    .selectFrom("diagnostic_codes")
    .select([
      "id",
      "workspace_id as workspaceId",
      "customer_id as customerId",
      "case_id as caseId",
      "device_serial as deviceSerial",
      "expires_at as expiresAt",
      "used_at as usedAt",
      "run_id as runId",
    ])
    .where("code_hash", "=", codeHash)
    .forUpdate()
    .executeTakeFirst();
}

export async function markCodeUsed(scope: TenantScope, id: string, snapshotId: string) {
  await scope
    .updateTable("diagnostic_codes")
    .set({ used_at: new Date(), snapshot_id: snapshotId })
    .where("id", "=", id)
    .execute();
}
