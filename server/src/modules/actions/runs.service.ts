import { isDeepStrictEqual } from "node:util";
import type { ActionField } from "../../../../contracts/actions.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { iso } from "../../platform/http/route-kit.ts";
import { unseal } from "../../platform/sealed.ts";
import { audit } from "../audit/audit.ts";
import { assertCanSeeCase } from "../cases/cases.policy.ts";
import { findCase } from "../cases/cases.repo.ts";
import { doerOf } from "../customers/customers.service.ts";
import { noticeApprovalRequested } from "../notifications/approval-notices.ts";
import { appendEvent } from "../timeline/timeline.ts";
import { assertCanRunAction } from "./actions.policy.ts";
import {
  claimRun,
  findAction,
  findRun,
  findRunIdByKey,
  finishRun,
  insertApproval,
  insertRunOnce,
  listCaseRuns,
  type RunRow,
} from "./actions.repo.ts";
import { actionNotFound } from "./actions.service.ts";
import { demoAnswer, demoKindOf } from "./demo-fulfilment.ts";
import { checkInput } from "./input.ts";
import { announceRun, recordRunOutcome } from "./run-outcome.ts";
import { ACTION_SECRET_PURPOSE, callTarget, type Outcome } from "./send.ts";

/**
 * Running an action from a case. A run is a row unique on (action, Idempotency-Key): the request
 * that inserts it is the only one that calls the target, and a retry moves a failed run back to
 * `running` with one conditional update, so two retries never both call. The target gets the
 * run id as its own Idempotency-Key, so even a retry after a timeout cannot ship twice at a
 * target that honours it. Runs over the action's limit wait for a manager (approvals.service.ts).
 */
type Ctx = Pick<AppContext, "db" | "secret" | "config"> & Partial<Pick<AppContext, "boss">>;

export const runNotFound = () => new AppError("not_found", "Action run was not found");

export function presentRun(r: RunRow) {
  return {
    id: r.id,
    actionId: r.action_id,
    actionName: r.action_name,
    caseId: r.case_id,
    status: r.status,
    input: r.input,
    ...(r.result !== null && { result: r.result }),
    error: r.error,
    attempts: r.attempts,
    requestedBy: { id: r.requested_by, name: r.requested_by_name },
    approval:
      r.approval_id === null
        ? null
        : {
            id: r.approval_id,
            status: r.approval_status ?? "pending",
            amount: Number(r.approval_amount),
            limit: Number(r.approval_limit),
            decidedBy: r.approval_decided_by,
            reason: r.approval_reason,
            createdAt: iso(r.approval_created_at as Date),
            decidedAt: iso(r.approval_decided_at),
          },
    createdAt: iso(r.created_at),
    finishedAt: iso(r.finished_at),
  };
}

export async function readRun(scope: TenantScope, id: string) {
  const r = await findRun(scope, id);
  if (!r) throw runNotFound();
  return presentRun(r);
}

export async function runAction(
  ctx: Ctx,
  actor: Actor,
  caseId: string,
  actionId: string,
  rawInput: Record<string, unknown>,
  key: string,
): Promise<{ run: ReturnType<typeof presentRun>; created: boolean }> {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const c = await findCase(scope, caseId);
  await assertCanSeeCase(scope, actor, c?.customerId);
  if (!c) throw new AppError("not_found", "Case was not found");
  const action = await findAction(scope, actionId);
  if (!action) throw actionNotFound();
  assertCanRunAction(actor, action.roles);
  // Checked before anything is stored or sent.
  const input = checkInput(action.fields as ActionField[], rawInput);
  const replay = async (id: string) => {
    const run = await readRun(scope, id);
    if (run.caseId !== caseId || !isDeepStrictEqual(run.input, input))
      throw new AppError(
        "conflict",
        "This Idempotency-Key was already used for a different run",
        "Idempotency-Key",
      );
    return { run, created: false };
  };
  const earlier = await findRunIdByKey(scope, actionId, key);
  if (earlier) return replay(earlier);

  const amount = action.approval_field === null ? undefined : input[action.approval_field];
  const needsApproval = typeof amount === "number" && amount > Number(action.approval_amount);
  const runId = await inTransaction(ctx.db, async (tx) => {
    const s = new TenantScope(tx, actor.workspaceId);
    const id = await insertRunOnce(s, {
      action_id: actionId,
      case_id: caseId,
      customer_id: c.customerId,
      idempotency_key: key,
      status: needsApproval ? "pending_approval" : "running",
      input: JSON.stringify(input),
      requested_by: actor.userId,
      requested_by_name: actor.name,
      attempts: needsApproval ? 0 : 1,
    });
    if (!id || !needsApproval) return id;
    const approval = await insertApproval(s, {
      run_id: id,
      amount: amount as number,
      limit_amount: Number(action.approval_amount),
    });
    await appendEvent(s, {
      customerId: c.customerId,
      caseId,
      kind: "action.approval",
      data: {
        runId: id,
        approvalId: approval.id,
        name: action.name,
        decision: "requested",
        amount: amount as number,
      },
      doer: doerOf(actor),
    });
    await audit(s, {
      actorUserId: actor.userId,
      action: "approval.requested",
      subjectType: "action_run",
      subjectId: id,
      data: { actionId, caseId, amount, limit: Number(action.approval_amount) },
    });
    await noticeApprovalRequested(s, {
      approvalId: approval.id,
      caseId,
      caseNumber: Number(c.number),
      caseTeamId: c.teamId,
      actionName: action.name,
      amount: amount as number,
      limit: Number(action.approval_amount),
      requester: { userId: actor.userId, name: actor.name },
    });
    await announceRun(s, caseId, c.customerId);
    return id;
  });
  // Lost the race to a concurrent request with the same key: that one owns the run.
  if (!runId) return replay((await findRunIdByKey(scope, actionId, key)) as string);
  if (!needsApproval) await executeRun(ctx, actor.workspaceId, runId);
  return { run: await readRun(scope, runId), created: true };
}

/**
 * Calls the target for a run its caller has just claimed (status `running`) and records what
 * came back: run row, case and customer timeline, audit, webhook and the live notice, together.
 */
export async function executeRun(ctx: Ctx, workspaceId: string, runId: string): Promise<void> {
  const scope = new TenantScope(ctx.db, workspaceId);
  const run = await findRun(scope, runId);
  if (run?.status !== "running") return;
  const target = await loadTarget(scope, run.id);
  const body = JSON.stringify({
    event: "action.run",
    action: { id: run.action_id, name: target.name },
    run: { id: run.id },
    case: { id: run.case_id, number: target.caseNumber },
    customer: { id: run.customer_id, name: target.customerName },
    input: run.input,
  });
  const demoKind = target.isDemo ? demoKindOf(target.url) : null;
  const outcome: Outcome = demoKind
    ? { ok: true, result: demoAnswer(demoKind, run.id, run.input as Record<string, unknown>) }
    : await callTarget(ctx, {
        url: target.url,
        secret: unseal(ctx.secret, ACTION_SECRET_PURPOSE, target.secretSealed),
        runId: run.id,
        body,
      });
  await inTransaction(ctx.db, async (tx) => {
    const s = new TenantScope(tx, workspaceId);
    await finishRun(s, run.id, {
      status: outcome.ok ? "succeeded" : "failed",
      result: outcome.ok ? JSON.stringify(outcome.result) : null,
      error: outcome.ok ? null : outcome.error,
    });
    await recordRunOutcome(s, ctx.boss, run, target, outcome, { actorUserId: run.requested_by });
  });
}

/** The target of a run: its action even if deleted since (a retry still goes where it went). */
async function loadTarget(scope: TenantScope, runId: string) {
  return scope
    .selectFrom("action_runs")
    .innerJoin("actions", "actions.id", "action_runs.action_id")
    .innerJoin("cases", "cases.id", "action_runs.case_id")
    .innerJoin("customers", "customers.id", "action_runs.customer_id")
    .innerJoin("workspaces", "workspaces.id", "action_runs.workspace_id")
    .select([
      "actions.name",
      "actions.url",
      "actions.secret_sealed as secretSealed",
      "cases.number as caseNumber",
      "customers.name as customerName",
      "workspaces.is_demo as isDemo",
    ])
    .where("action_runs.id", "=", runId)
    .executeTakeFirstOrThrow();
}

/** A failed run, tried again under the same run id (so the target's Idempotency-Key is unchanged). */
export async function retryRun(ctx: Ctx, actor: Actor, runId: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const run = await findRun(scope, runId);
  if (!run) throw runNotFound();
  const action = await scope
    .selectFrom("actions")
    .select("roles")
    .where("id", "=", run.action_id)
    .executeTakeFirst();
  assertCanRunAction(actor, action?.roles ?? []);
  if (run.status !== "failed")
    throw new AppError(
      "conflict",
      `Only a failed run can be retried; this one is ${run.status.replace("_", " ")}`,
    );
  if (!(await claimRun(scope, runId, ["failed"])))
    throw new AppError("conflict", "This run is already being retried");
  await audit(scope, {
    actorUserId: actor.userId,
    action: "action.retried",
    subjectType: "action_run",
    subjectId: runId,
  });
  await executeRun(ctx, actor.workspaceId, runId);
  return readRun(scope, runId);
}

export async function caseRuns(ctx: Ctx, actor: Actor, caseId: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const c = await findCase(scope, caseId);
  await assertCanSeeCase(scope, actor, c?.customerId);
  return { items: (await listCaseRuns(scope, caseId)).map(presentRun) };
}
