import type { AppContext } from "../../platform/context.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { audit } from "../audit/audit.ts";
import { appendEvent } from "../timeline/timeline.ts";
import { emitWebhookEvent } from "../webhooks/webhooks.service.ts";
import type { Outcome } from "./send.ts";

/** What every record of a run's outcome names: the run as stored, its action and its case. */
export type FinishedRun = {
  id: string;
  action_id: string;
  case_id: string;
  customer_id: string;
  input: unknown;
  attempts: number;
  requested_by: string;
  requested_by_name: string;
};

/** Open case pages refresh their actions panel and timeline. */
export async function announceRun(scope: TenantScope, caseId: string, customerId: string) {
  await publish(scope.db, {
    workspaceId: scope.workspaceId,
    audience: { kind: "staff" },
    event: { type: "case.updated", caseId, customerId },
  });
}

/**
 * Records a finished run everywhere people and systems look, inside the caller's transaction
 * (with the status update): the `action.run` event on the case and customer timelines, the audit
 * log, the `action.executed` webhook and the live notice. One place, so a run finished by its
 * target's answer and one failed by the stuck-run sweep read the same.
 */
export async function recordRunOutcome(
  s: TenantScope,
  boss: Partial<Pick<AppContext, "boss">>["boss"],
  run: FinishedRun,
  target: { name: string; caseNumber: number },
  outcome: Outcome,
  auditAs: { actorUserId: string | null; extra?: Record<string, unknown> },
) {
  const status = outcome.ok ? "succeeded" : "failed";
  const answer = outcome.ok ? { result: outcome.result } : { error: outcome.error };
  await appendEvent(s, {
    customerId: run.customer_id,
    caseId: run.case_id,
    kind: "action.run",
    data: {
      runId: run.id,
      actionId: run.action_id,
      name: target.name,
      status,
      input: run.input as Record<string, unknown>,
      ...answer,
    },
    doer: { userId: run.requested_by, name: run.requested_by_name },
  });
  await audit(s, {
    actorUserId: auditAs.actorUserId,
    action: outcome.ok ? "action.executed" : "action.failed",
    subjectType: "action_run",
    subjectId: run.id,
    data: {
      actionId: run.action_id,
      caseId: run.case_id,
      attempt: run.attempts,
      ...(!outcome.ok && { error: outcome.error }),
      ...auditAs.extra,
    },
  });
  await emitWebhookEvent(s, boss, "action.executed", {
    run: { id: run.id, status, attempts: run.attempts },
    action: { id: run.action_id, name: target.name },
    case: { id: run.case_id, number: target.caseNumber },
    input: run.input,
    ...answer,
  });
  await announceRun(s, run.case_id, run.customer_id);
}
