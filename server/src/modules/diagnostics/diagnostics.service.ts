import type { DiagnosticSource, Snapshot } from "../../../../contracts/diagnostics.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { findCase, listCases, updateCaseRow } from "../cases/cases.repo.ts";
import { findCustomer, findCustomerForUser } from "../customers/customers.repo.ts";
import { findDeviceBySerial, insertDevice } from "../customers/devices.repo.ts";
import { findRun } from "../playbooks/runs.repo.ts";
import { appendEvent, type Doer } from "../timeline/timeline.ts";
import { CODE_TTL_MS, hashCode, newCode, normalizeCode } from "./codes.ts";
import {
  findSnapshot,
  insertCode,
  insertSnapshot,
  lockCodeByHash,
  markCodeUsed,
  type SnapshotRow,
} from "./diagnostics.repo.ts";
import { maskSecrets } from "./mask.ts";

type Ctx = Pick<AppContext, "db" | "config">;

/** Cases a snapshot attaches to by default: the customer's most recently active unsolved one. */
const UNSOLVED = ["new", "open", "pending", "on_hold"];

const doerOf = (actor: Actor): Doer => ({ userId: actor.userId, name: actor.name });
const CODE_DOER: Doer = { userId: null, name: "One-time diagnostic code" };

export const snapshotNotFound = () => new AppError("not_found", "Diagnostic snapshot was not found");

export function presentSnapshot(r: SnapshotRow): Snapshot {
  return {
    id: r.id,
    customerId: r.customerId,
    deviceId: r.deviceId,
    deviceSerial: r.deviceSerial,
    caseId: r.caseId,
    runId: r.runId,
    source: r.source,
    summary: r.summary,
    sizeBytes: r.sizeBytes,
    maskedPaths: r.maskedPaths,
    submittedBy: r.submittedByName === null ? null : { id: r.submittedBy, name: r.submittedByName },
    viaCode: r.codeId !== null,
    capturedAt: r.capturedAt.toISOString(),
  };
}

type Submission = {
  customerId?: string | undefined;
  deviceSerial?: string | undefined;
  caseId?: string | undefined;
  runId?: string | undefined;
  source: DiagnosticSource;
  data: Record<string, unknown>;
};

/**
 * The playbook run a code or snapshot is for: it must be a run of this customer (a customer
 * may only name their own self-service runs). Anything else reads as not found, naming runId.
 */
async function runFor(scope: TenantScope, runId: string, customerId: string, selfServiceOnly = false) {
  const run = await findRun(scope, runId);
  if (!run || run.customerId !== customerId || (selfServiceOnly && run.mode !== "self_service")) {
    throw new AppError("not_found", "Playbook run was not found for this customer", "runId");
  }
  return run;
}

/** POST /api/v1/diagnostics: a device, app or agent sends a snapshot with an API token or session. */
export async function captureSnapshot(ctx: Ctx, actor: Actor, input: Submission) {
  return inTransaction(ctx.db, async (tx) =>
    store(ctx, new TenantScope(tx, actor.workspaceId), input, { doer: doerOf(actor), codeId: null }),
  );
}

/** POST /api/v1/diagnostics/by-code/{code}: no account, just the code read out to the customer. */
export async function captureByCode(
  ctx: Ctx,
  rawCode: string,
  input: { source: DiagnosticSource; data: Record<string, unknown>; deviceSerial?: string | undefined },
) {
  return inTransaction(ctx.db, async (tx) => {
    const normalized = normalizeCode(rawCode);
    // The row lock makes "single use" hold under concurrent submissions.
    const code = normalized === undefined ? undefined : await lockCodeByHash(tx, hashCode(normalized));
    if (!code)
      throw new AppError("not_found", "This diagnostic code is unknown. Check it and try again.", "code");
    if (code.usedAt) {
      throw new AppError(
        "code_gone",
        "This diagnostic code has already been used. Ask your support agent (or the portal) for a new one.",
        "code",
      );
    }
    if (code.expiresAt.getTime() <= Date.now()) {
      throw new AppError(
        "code_gone",
        "This diagnostic code has expired (codes last 15 minutes). Ask your support agent (or the portal) for a new one.",
        "code",
      );
    }
    if (input.deviceSerial && code.deviceSerial && input.deviceSerial !== code.deviceSerial) {
      throw new AppError("validation_failed", `This code is for device ${code.deviceSerial}`, "deviceSerial");
    }
    const scope = new TenantScope(tx, code.workspaceId);
    const snapshot = await store(
      ctx,
      scope,
      {
        customerId: code.customerId,
        deviceSerial: input.deviceSerial ?? code.deviceSerial ?? undefined,
        caseId: code.caseId ?? undefined,
        runId: code.runId ?? undefined,
        source: input.source,
        data: input.data,
      },
      { doer: CODE_DOER, codeId: code.id },
    );
    await markCodeUsed(scope, code.id, snapshot.id);
    return snapshot;
  });
}

/**
 * The one way a snapshot is stored: size limit, masking, customer/device/case resolution,
 * the row, the timeline event and the realtime nudge — all in the caller's transaction.
 */
async function store(
  ctx: Ctx,
  scope: TenantScope,
  input: Submission,
  by: { doer: Doer; codeId: string | null },
): Promise<Snapshot> {
  const sizeBytes = Buffer.byteLength(JSON.stringify(input.data));
  const max = ctx.config.diagnosticsMaxBytes;
  if (sizeBytes > max) throw tooLarge(max);
  const { data, maskedPaths } = maskSecrets(input.data, ctx.config.diagnosticsSecretKeys);

  let customerId = input.customerId;
  let device: { id: string; serial: string } | null = null;
  let claimedSerial: string | null = null;
  if (input.deviceSerial !== undefined) {
    const known = await findDeviceBySerial(scope, input.deviceSerial);
    const foreign = known && customerId !== undefined && known.customerId !== customerId;
    if (foreign && by.codeId !== null) {
      // Whoever holds a code is not staff and must not learn that the serial belongs to
      // someone else: the snapshot is kept for the code's customer, with the claimed serial in
      // its summary for the agent, and the other customer's device is left alone.
      claimedSerial = input.deviceSerial;
    } else if (foreign) {
      throw new AppError(
        "conflict",
        `Device ${input.deviceSerial} is registered to another customer`,
        "deviceSerial",
      );
    } else if (known) {
      customerId = known.customerId;
      device = known;
    } else {
      if (customerId === undefined) {
        throw new AppError(
          "validation_failed",
          `Device ${input.deviceSerial} is not known yet: give customerId to register it on that customer`,
          "customerId",
        );
      }
      await requireCustomer(scope, customerId);
      device = await registerDevice(scope, customerId, input.deviceSerial, modelIn(data), by.doer);
    }
  }
  if (customerId === undefined) {
    throw new AppError("validation_failed", "give customerId or deviceSerial", "customerId");
  }
  if (!device) await requireCustomer(scope, customerId);
  const run = input.runId === undefined ? null : await runFor(scope, input.runId, customerId);

  let caseId: string | null = null;
  if (run && input.caseId === undefined) {
    // Sent for a run: its case, or none yet (the run carries it until it opens one), never
    // whichever of the customer's requests happens to be active.
    caseId = run.caseId;
  } else if (input.caseId !== undefined) {
    const c = await findCase(scope, input.caseId);
    if (!c || c.customerId !== customerId) {
      throw new AppError("validation_failed", "caseId is not a case of this customer", "caseId");
    }
    caseId = c.id;
  } else {
    const [open] = await listCases(scope, { statuses: UNSOLVED, customerId }, undefined, 1);
    caseId = open?.id ?? null;
  }

  const summary = summarize(input.source, device?.serial ?? claimedSerial, data, maskedPaths.length);
  const id = await insertSnapshot(scope, {
    customerId,
    deviceId: device?.id ?? null,
    caseId,
    source: input.source,
    data,
    sizeBytes,
    maskedPaths,
    summary,
    submittedBy: by.doer.userId,
    submittedByName: by.doer.name,
    codeId: by.codeId,
    runId: run?.id ?? null,
  });
  await appendEvent(scope, {
    customerId,
    caseId,
    kind: "diagnostic.captured",
    data: { snapshotId: id, source: input.source, deviceSerial: device?.serial ?? claimedSerial, summary },
    doer: by.doer,
  });
  if (caseId) {
    await updateCaseRow(scope, caseId, { last_activity_at: new Date() });
    await publish(scope.db, {
      workspaceId: scope.workspaceId,
      audience: { kind: "staff" },
      event: { type: "case.updated", caseId, customerId },
    });
  }
  const row = await findSnapshot(scope, id);
  if (!row) throw snapshotNotFound();
  return presentSnapshot(row);
}

export const tooLarge = (max: number) =>
  new AppError(
    "payload_too_large",
    `data is larger than the ${formatBytes(max)} a diagnostic snapshot may be`,
    "data",
  );

const formatBytes = (n: number) =>
  n >= 1024 * 1024 ? `${+(n / 1024 / 1024).toFixed(1)} MB` : `${+(n / 1024).toFixed(1)} kB`;

async function requireCustomer(scope: TenantScope, customerId: string) {
  if (!(await findCustomer(scope, customerId))) {
    throw new AppError("not_found", "Customer was not found", "customerId");
  }
}

async function registerDevice(
  scope: TenantScope,
  customerId: string,
  serial: string,
  model: string,
  doer: Doer,
) {
  let device: Awaited<ReturnType<typeof insertDevice>>;
  try {
    device = await insertDevice(scope, { customerId, model, serial, firmware: null });
  } catch (err) {
    // Another request registered this serial at the same moment.
    if ((err as { code?: string }).code === "23505") {
      throw new AppError(
        "conflict",
        `Device ${serial} was just registered by another request`,
        "deviceSerial",
      );
    }
    throw err;
  }
  await appendEvent(scope, {
    customerId,
    kind: "device.added",
    data: { deviceId: device.id, model: device.model, serial: device.serial },
    doer,
  });
  return device;
}

/** A new device's model, when the snapshot says it (`model` or `device.model`). */
function modelIn(data: Record<string, unknown>): string {
  const nested = data.device;
  const candidate =
    typeof data.model === "string"
      ? data.model
      : typeof nested === "object" &&
          nested !== null &&
          typeof (nested as { model?: unknown }).model === "string"
        ? (nested as { model: string }).model
        : "";
  return candidate.trim().slice(0, 120) || "Unknown device";
}

/** One line for the timeline: where it came from and which sections it holds. */
function summarize(
  source: DiagnosticSource,
  serial: string | null,
  data: Record<string, unknown>,
  masked: number,
) {
  const keys = Object.keys(data);
  const shown = keys.slice(0, 6).join(", ");
  const more = keys.length > 6 ? ` and ${keys.length - 6} more` : "";
  const from = serial ? `${source} ${serial}` : source;
  const secrets = masked > 0 ? ` (${masked} secret${masked === 1 ? "" : "s"} masked)` : "";
  const body = keys.length > 0 ? `${shown}${more}` : "empty";
  return `Snapshot from ${from}: ${body}${secrets}`.slice(0, 300);
}

// Codes.

export async function createCode(
  ctx: Ctx,
  actor: Actor,
  input: {
    customerId: string;
    caseId?: string | undefined;
    deviceSerial?: string | undefined;
    runId?: string | undefined;
  },
) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    await requireCustomer(scope, input.customerId);
    if (input.runId !== undefined) await runFor(scope, input.runId, input.customerId);
    return issueCode(scope, actor, { ...input, customerId: input.customerId }, { staff: true });
  });
}

/** A signed-in customer asks for a code for themselves (the portal's "send a diagnostic"). */
export async function createPortalCode(
  ctx: Ctx,
  actor: Actor,
  input: { caseId?: string | undefined; deviceSerial?: string | undefined; runId?: string | undefined },
) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const own = await findCustomerForUser(scope, actor.userId);
    if (!own) throw new AppError("not_found", "Customer was not found");
    if (input.runId !== undefined) await runFor(scope, input.runId, own.id, true);
    return issueCode(scope, actor, { ...input, customerId: own.id }, { staff: false });
  });
}

async function issueCode(
  scope: TenantScope,
  actor: Actor,
  input: {
    customerId: string;
    caseId?: string | undefined;
    deviceSerial?: string | undefined;
    runId?: string | undefined;
  },
  who: { staff: boolean },
) {
  if (input.caseId !== undefined) {
    const c = await findCase(scope, input.caseId);
    if (!c || c.customerId !== input.customerId) {
      throw new AppError("validation_failed", "caseId is not a case of this customer", "caseId");
    }
  }
  // Staff see every device, so they are told. A customer is answered exactly as for a serial
  // nobody has (a code is issued): otherwise the portal would tell which serials exist. The
  // snapshot sent with that code then stays off the other customer's device (see store()).
  if (input.deviceSerial !== undefined && who.staff) {
    const known = await findDeviceBySerial(scope, input.deviceSerial);
    if (known && known.customerId !== input.customerId) {
      throw new AppError(
        "conflict",
        `Device ${input.deviceSerial} is registered to another customer`,
        "deviceSerial",
      );
    }
  }
  const code = newCode();
  const expiresAt = new Date(Date.now() + CODE_TTL_MS);
  await insertCode(scope, {
    codeHash: hashCode(code),
    customerId: input.customerId,
    caseId: input.caseId ?? null,
    deviceSerial: input.deviceSerial ?? null,
    createdBy: actor.userId,
    expiresAt,
    runId: input.runId ?? null,
  });
  return { code, expiresAt: expiresAt.toISOString() };
}

// Reads.
