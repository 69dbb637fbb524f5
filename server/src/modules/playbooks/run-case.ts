import type { Definition } from "../../../../contracts/playbooks.ts";
import type { Actor } from "../../platform/context.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { findCase, insertCase, nextCaseNumber } from "../cases/cases.repo.ts";
import { addMessageInTx } from "../cases/conversation.service.ts";
import { findCustomer } from "../customers/customers.repo.ts";
import { doerOf } from "../customers/customers.service.ts";
import { attachToCase, caselessRunSnapshotIds } from "../diagnostics/diagnostics.repo.ts";
import { appendEvent, moveEventsToCase } from "../timeline/timeline.ts";
import { findRun, listRunSteps, updateRun } from "./runs.repo.ts";

/**
 * A self-service run that did not resolve opens a case that carries the whole run: the run is
 * attached, its timeline events move onto the case, and the first message lists every step
 * and answer so the agent starts where the customer stopped. Runs in the caller's transaction.
 */
export async function openCaseForRun(scope: TenantScope, actor: Actor, runId: string) {
  const run = await findRun(scope, runId);
  if (!run) return null;
  const def = run.definition as Definition;
  const steps = await listRunSteps(scope, [runId]);
  const lines = steps.map((s) => {
    const answer = s.outcome ? `→ ${s.outcome}` : s.answer ? `— ${s.answer}` : "(stopped here)";
    return `${s.seq}. ${s.title} ${answer}`;
  });
  const body = [
    `I followed the help guide “${def.name}” (version ${run.version}) and it did not solve my problem.`,
    "",
    "Steps I went through:",
    ...lines,
  ].join("\n");
  const subject = `Help guide “${def.name}” did not solve it`.slice(0, 300);
  const number = await nextCaseNumber(scope);
  const caseId = await insertCase(scope, {
    number,
    customerId: run.customerId,
    subject,
    channel: "web",
    priority: "normal",
    tags: ["playbook"],
    assigneeId: null,
    teamId: null,
  });
  // The run's events, and the snapshots sent for it or used by its checks (with their
  // "captured" events), were always this case's story: the engineer sees what the device reported.
  const usedSnapshots = steps.flatMap((s) => (s.snapshotId ? [s.snapshotId] : []));
  const sentForRun = await caselessRunSnapshotIds(scope, runId);
  const moved = await attachToCase(
    scope,
    run.customerId,
    [...new Set([...usedSnapshots, ...sentForRun])],
    caseId,
  );
  await moveEventsToCase(scope, run.customerId, caseId, [
    { key: "runId", values: [runId] },
    { kind: "diagnostic.captured", key: "snapshotId", values: moved },
  ]);
  await updateRun(scope, runId, { caseId });
  const doer = doerOf(actor);
  await appendEvent(scope, {
    customerId: run.customerId,
    caseId,
    kind: "case.created",
    data: { number, subject, channel: "web" },
    doer,
  });
  const customer = await findCustomer(scope, run.customerId);
  await addMessageInTx(scope, {
    caseId,
    customerId: run.customerId,
    kind: "customer",
    authorUserId: actor.userId,
    authorName: customer?.name ?? actor.name,
    body,
    channel: "web",
    attachments: [],
    doer,
    quiet: true,
  });
  await publish(scope.db, {
    workspaceId: scope.workspaceId,
    audience: { kind: "staff" },
    event: { type: "case.created", caseId, number, customerId: run.customerId },
  });
  return findCase(scope, caseId);
}
