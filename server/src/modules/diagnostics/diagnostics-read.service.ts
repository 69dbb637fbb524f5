import type { Actor, AppContext } from "../../platform/context.ts";
import { decodeCursor, toPage } from "../../platform/db/cursor.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { assertCanSeeCase } from "../cases/cases.policy.ts";
import { findCase } from "../cases/cases.repo.ts";
import { findDevice } from "../customers/devices.repo.ts";
import { assertCanRead } from "./diagnostics.policy.ts";
import {
  findSnapshot,
  listSnapshots,
  numericSeries,
  previousOnDevice,
  type SnapshotRow,
  snapshotData,
} from "./diagnostics.repo.ts";
import { presentSnapshot } from "./diagnostics.service.ts";
import { diffSnapshots } from "./diff.ts";
import { parsePath } from "./paths.ts";

type Ctx = Pick<AppContext, "db" | "config">;

/**
 * Reading snapshots: one whole, a device's or a case's list, a comparison of two, and a value
 * over time. Who may read what is `assertCanRead` (staff: the workspace; a customer: their own).
 * Capturing snapshots and issuing codes is diagnostics.service.ts.
 */
const scopeOf = (ctx: Ctx, actor: Actor) => new TenantScope(ctx.db, actor.workspaceId);

async function readableSnapshot(scope: TenantScope, actor: Actor, id: string, field?: string) {
  const row = await findSnapshot(scope, id);
  try {
    await assertCanRead(scope, actor, row?.customerId);
  } catch (err) {
    if (field && err instanceof AppError) throw new AppError("not_found", err.message, field);
    throw err;
  }
  return row as SnapshotRow;
}

export async function getSnapshot(ctx: Ctx, actor: Actor, id: string) {
  const scope = scopeOf(ctx, actor);
  const row = await readableSnapshot(scope, actor, id);
  return { ...presentSnapshot(row), data: await snapshotData(scope, id) };
}

async function readableDevice(scope: TenantScope, actor: Actor, deviceId: string) {
  const device = await findDevice(scope, deviceId);
  await assertCanRead(scope, actor, device?.customerId, "Device");
  return device as NonNullable<typeof device>;
}

export async function listDeviceSnapshots(
  ctx: Ctx,
  actor: Actor,
  deviceId: string,
  page: { cursor?: string | undefined; limit: number },
) {
  const scope = scopeOf(ctx, actor);
  await readableDevice(scope, actor, deviceId);
  const rows = await listSnapshots(scope, { deviceId }, decodeCursor(page.cursor), page.limit);
  const p = toPage(rows, page.limit, (r) => [r.cursorAt, r.id]);
  return { items: p.items.map(presentSnapshot), nextCursor: p.nextCursor };
}

export async function listCaseSnapshots(
  ctx: Ctx,
  actor: Actor,
  caseId: string,
  page: { cursor?: string | undefined; limit: number },
) {
  const scope = scopeOf(ctx, actor);
  const c = await findCase(scope, caseId);
  await assertCanSeeCase(scope, actor, c?.customerId);
  const rows = await listSnapshots(scope, { caseId }, decodeCursor(page.cursor), page.limit);
  const p = toPage(rows, page.limit, (r) => [r.cursorAt, r.id]);
  return { items: p.items.map(presentSnapshot), nextCursor: p.nextCursor };
}

/**
 * Compares a snapshot (`to`) with the device's previous one, or with `against` (`from`).
 * Deltas are to − from.
 */
export async function diffSnapshot(ctx: Ctx, actor: Actor, id: string, against: string | undefined) {
  const scope = scopeOf(ctx, actor);
  const to = await readableSnapshot(scope, actor, id);
  let from: SnapshotRow;
  if (against !== undefined) {
    if (against === id)
      throw new AppError("validation_failed", "against must be another snapshot", "against");
    from = await readableSnapshot(scope, actor, against, "against");
  } else {
    if (!to.deviceId) {
      throw new AppError(
        "validation_failed",
        "This snapshot is not tied to a device, so it has no previous snapshot; pass ?against={snapshotId}",
        "against",
      );
    }
    const previous = await previousOnDevice(scope, {
      id: to.id,
      deviceId: to.deviceId,
      cursorAt: to.cursorAt,
    });
    if (!previous) {
      throw new AppError(
        "not_found",
        "This is the device's first snapshot: there is no earlier one to compare with; pass ?against={snapshotId}",
      );
    }
    from = previous;
  }
  const [before, after] = await Promise.all([snapshotData(scope, from.id), snapshotData(scope, to.id)]);
  return {
    from: { id: from.id, capturedAt: from.capturedAt.toISOString() },
    to: { id: to.id, capturedAt: to.capturedAt.toISOString() },
    changes: diffSnapshots(before, after),
  };
}

export async function deviceSeries(
  ctx: Ctx,
  actor: Actor,
  deviceId: string,
  q: { path: string; limit: number },
) {
  const scope = scopeOf(ctx, actor);
  await readableDevice(scope, actor, deviceId);
  const segments = parsePath(q.path);
  if (!segments) {
    throw new AppError(
      "validation_failed",
      "path must look like wifi.signal_dbm or interfaces[2].mtu",
      "path",
    );
  }
  const rows = await numericSeries(scope, deviceId, segments, q.limit);
  return {
    items: rows.map((r) => ({
      snapshotId: r.id,
      capturedAt: r.capturedAt.toISOString(),
      value: Number(r.value),
    })),
  };
}
