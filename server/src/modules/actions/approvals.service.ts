import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { audit } from "../audit/audit.ts";
import { doerOf } from "../customers/customers.service.ts";
import { noticeApprovalDecided } from "../notifications/approval-notices.ts";
import { appendEvent } from "../timeline/timeline.ts";
import { assertCanDecide, decidableTeams } from "./actions.policy.ts";
import {
  claimRun,
  decideApproval,
  findRun,
  finishRun,
  listApprovalRows,
  lockApproval,
} from "./actions.repo.ts";
import { announceRun } from "./run-outcome.ts";
import { executeRun, presentRun, readRun } from "./runs.service.ts";

/**
 * The approvals queue: runs over their action's limit wait here for an admin or a lead of the
 * case's team. A decision locks the approval row, so of two managers deciding at once one wins
 * and the other gets 409 — the action runs at most once. Approving runs it at once; refusing
 * needs a reason, which the agent sees on the run and the case's timeline.
 */
type Ctx = Pick<AppContext, "db" | "secret" | "config"> & Partial<Pick<AppContext, "boss">>;

export async function listApprovals(ctx: Ctx, actor: Actor, status: "pending" | "decided") {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const teamIds = await decidableTeams(scope, actor);
  const rows = await listApprovalRows(scope, { decided: status === "decided", teamIds });
  return {
    items: rows.map((r) => {
      const run = presentRun(r);
      const approval = run.approval as NonNullable<typeof run.approval>;
      return {
        ...approval,
        run,
        case: { id: r.case_id, number: r.case_number, subject: r.case_subject },
      };
    }),
  };
}

export async function decide(
  ctx: Ctx,
  actor: Actor,
  approvalId: string,
  input: { decision: "approve" | "refuse"; reason?: string | undefined },
) {
  const reason = input.reason?.trim() || null;
  const decided = await inTransaction(ctx.db, async (tx) => {
    const s = new TenantScope(tx, actor.workspaceId);
    const approval = await lockApproval(s, approvalId);
    if (!approval) throw new AppError("not_found", "Approval was not found");
    const run = await findRun(s, approval.run_id);
    if (!run) throw new AppError("not_found", "Approval was not found");
    const c = await s.selectFrom("cases").select("team_id").where("id", "=", run.case_id).executeTakeFirst();
    await assertCanDecide(s, actor, c?.team_id ?? null);
    if (approval.status !== "pending")
      throw new AppError(
        "conflict",
        `This approval was already ${approval.status === "approved" ? "approved" : "refused"}`,
      );
    const approve = input.decision === "approve";
    await decideApproval(s, approvalId, {
      status: approve ? "approved" : "refused",
      decided_by: actor.userId,
      decided_by_name: actor.name,
      reason,
    });
    if (approve) {
      if (!(await claimRun(s, run.id, ["pending_approval"])))
        throw new AppError("conflict", "This run is no longer waiting for approval");
    } else {
      await finishRun(s, run.id, { status: "refused", error: `Refused by ${actor.name}: ${reason}` });
    }
    await appendEvent(s, {
      customerId: run.customer_id,
      caseId: run.case_id,
      kind: "action.approval",
      data: {
        runId: run.id,
        approvalId,
        name: run.action_name,
        decision: approve ? "approved" : "refused",
        amount: Number(approval.amount),
        reason,
      },
      doer: doerOf(actor),
    });
    await audit(s, {
      actorUserId: actor.userId,
      action: approve ? "approval.approved" : "approval.refused",
      subjectType: "action_approval",
      subjectId: approvalId,
      data: { runId: run.id, caseId: run.case_id, requestedBy: run.requested_by, reason },
    });
    await noticeApprovalDecided(s, {
      approvalId,
      caseId: run.case_id,
      actionName: run.action_name,
      approved: approve,
      reason,
      requesterUserId: run.requested_by,
      decider: { userId: actor.userId, name: actor.name },
    });
    // The requesting agent hears of it on the open case page (and its timeline) at once.
    await announceRun(s, run.case_id, run.customer_id);
    return { runId: run.id, approve };
  });
  if (decided.approve) await executeRun(ctx, actor.workspaceId, decided.runId);
  return readRun(new TenantScope(ctx.db, actor.workspaceId), decided.runId);
}
