import type { EscalateInput, EscalationStatus } from "../../../../contracts/escalations.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { assertCanSeeCase } from "../cases/cases.policy.ts";
import { findCase, lockCase, updateCaseRow } from "../cases/cases.repo.ts";
import { addMessageInTx } from "../cases/conversation.service.ts";
import { doerOf } from "../customers/customers.service.ts";
import { findRun } from "../playbooks/runs.repo.ts";
import { appendEvent } from "../timeline/timeline.ts";
import { emitWebhookEvent } from "../webhooks/webhooks.service.ts";
import { urlForHost } from "../workspaces/workspace-url.ts";
import { findWorkspaceHost } from "../workspaces/workspaces.repo.ts";
import { assertCanClose, escalationClosed, escalationNotFound } from "./escalations.policy.ts";
import {
  findEscalation,
  findRunEscalation,
  insertEscalation,
  insertTask,
  listEscalations,
  listTasks,
  lockEscalation,
  lockTask,
  markTaskDone,
  presentEscalation,
  presentTask,
  updateEscalation,
} from "./escalations.repo.ts";
import { noticeEscalated, noticeFindings, noticeTask } from "./notices.ts";

// boss is absent in the CLI (demo): no webhooks are announced there.
type Ctx = Pick<AppContext, "db" | "files"> & Partial<Pick<AppContext, "boss" | "config">>;
type Change = "created" | "claimed" | "note" | "task" | "task_done" | "findings" | "closed";

async function announce(scope: TenantScope, escalationId: string, caseId: string, change: Change) {
  await publish(scope.db, {
    workspaceId: scope.workspaceId,
    audience: { kind: "staff" },
    event: { type: "escalation.updated", escalationId, caseId, change },
  });
}

async function readEscalation(scope: TenantScope, id: string) {
  const row = await findEscalation(scope, id);
  if (!row) throw escalationNotFound();
  return presentEscalation(row);
}

/** Locks an escalation that may still change; closed ones refuse everything. */
async function lockOpen(scope: TenantScope, id: string) {
  const e = await lockEscalation(scope, id);
  if (!e) throw escalationNotFound();
  if (e.status === "closed") throw escalationClosed();
  return e;
}

type LockedCase = NonNullable<Awaited<ReturnType<typeof lockCase>>>;

/** The run an escalation carries: a run of this case, not escalated before (409 otherwise). */
async function checkRun(scope: TenantScope, caseId: string, runId: string) {
  const run = await findRun(scope, runId);
  if (!run || run.caseId !== caseId) {
    throw new AppError("not_found", "Playbook run was not found on this case", "runId");
  }
  if (await findRunEscalation(scope, runId)) {
    throw new AppError("conflict", "This playbook run has already been escalated", "runId");
  }
}

/**
 * While engineering works on it the case waits on a third party: on hold, with the agent who
 * escalated as its owner when nobody had it. The change is recorded like any other.
 */
async function holdForEngineering(scope: TenantScope, actor: Actor, c: LockedCase) {
  const event = { customerId: c.customerId, caseId: c.id, doer: doerOf(actor) };
  const set: Parameters<typeof updateCaseRow>[2] = { last_activity_at: new Date() };
  if (c.status !== "on_hold") {
    set.status = "on_hold";
    await appendEvent(scope, {
      ...event,
      kind: "case.status_changed",
      data: { from: c.status, to: "on_hold" },
    });
  }
  if (c.assigneeId === null) {
    set.assignee_id = actor.membershipId;
    await appendEvent(scope, {
      ...event,
      kind: "case.assigned",
      data: { from: null, to: actor.membershipId, toName: actor.name },
    });
  }
  await updateCaseRow(scope, c.id, set);
  await publish(scope.db, {
    workspaceId: scope.workspaceId,
    audience: { kind: "staff" },
    event: { type: "case.updated", caseId: c.id, customerId: c.customerId },
  });
}

/** Findings are back: a case held for engineering is the agent's to act on again (open). */
async function resumeAfterEngineering(scope: TenantScope, actor: Actor, caseId: string) {
  const c = await lockCase(scope, caseId);
  if (c?.status !== "on_hold") return;
  await appendEvent(scope, {
    customerId: c.customerId,
    caseId,
    kind: "case.status_changed",
    data: { from: "on_hold", to: "open" },
    doer: doerOf(actor),
  });
  await updateCaseRow(scope, caseId, { status: "open", last_activity_at: new Date() });
  await publish(scope.db, {
    workspaceId: scope.workspaceId,
    audience: { kind: "staff" },
    event: { type: "case.updated", caseId, customerId: c.customerId },
  });
}

/** An agent asks engineering: the escalation, the case put on hold, its events and the webhook, together. */
export async function escalateCase(ctx: Ctx, actor: Actor, caseId: string, input: EscalateInput) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const c = await lockCase(scope, caseId);
    await assertCanSeeCase(scope, actor, c?.customerId);
    const found = c as LockedCase;
    if (found.status === "closed")
      throw new AppError("case_closed", "This case is closed; reopen it or open a new one first");
    // The case lock serialises escalations of one case, so the check below sees any earlier one;
    // the unique index on run_id is the last fence.
    if (input.runId !== undefined) await checkRun(scope, caseId, input.runId);
    const id = await insertEscalation(scope, {
      caseId,
      customerId: found.customerId,
      summary: input.summary,
      question: input.question,
      createdBy: actor.userId,
      createdByName: actor.name,
      runId: input.runId ?? null,
    });
    await appendEvent(scope, {
      customerId: found.customerId,
      caseId,
      kind: "escalation.created",
      data: { escalationId: id, summary: input.summary, question: input.question },
      doer: doerOf(actor),
    });
    await holdForEngineering(scope, actor, found);
    const e = await readEscalation(scope, id);
    // On the workspace's own host, where its engineers are signed in.
    const base = ctx.config
      ? urlForHost(ctx.config.publicUrl, await findWorkspaceHost(tx, actor.workspaceId))
      : "";
    await emitWebhookEvent(scope, ctx.boss, "escalation.created", {
      escalationId: id,
      caseId,
      caseNumber: e.caseNumber,
      summary: e.summary,
      question: e.question,
      exportUrl: `${base}/api/v1/escalations/${id}/export`,
      webUrl: `${base}/app/escalations/${id}`,
    });
    await noticeEscalated(scope, { ...e, caseId }, actor.userId);
    await announce(scope, id, caseId, "created");
    return e;
  });
}

export async function getEscalation(ctx: Ctx, actor: Actor, id: string) {
  return readEscalation(new TenantScope(ctx.db, actor.workspaceId), id);
}

export async function escalationQueue(
  ctx: Ctx,
  actor: Actor,
  query: { status: "active" | EscalationStatus; mine?: "true" | "false" | undefined },
) {
  const statuses: EscalationStatus[] = query.status === "active" ? ["open", "answered"] : [query.status];
  const rows = await listEscalations(new TenantScope(ctx.db, actor.workspaceId), {
    statuses,
    assigneeId: query.mine === "true" ? actor.membershipId : undefined,
  });
  return { items: rows.map(presentEscalation) };
}

export async function caseEscalations(ctx: Ctx, actor: Actor, caseId: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const c = await findCase(scope, caseId);
  await assertCanSeeCase(scope, actor, c?.customerId);
  const rows = await listEscalations(scope, { statuses: ["open", "answered", "closed"], caseId });
  return { items: rows.map(presentEscalation) };
}

/** An engineer takes the escalation. Taking over from another engineer is a conflict. */
export async function claimEscalation(ctx: Ctx, actor: Actor, id: string) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const e = await lockOpen(scope, id);
    if (e.assigneeId && e.assigneeId !== actor.membershipId)
      throw new AppError("conflict", "Another engineer already works on this escalation");
    if (e.assigneeId !== actor.membershipId) {
      await updateEscalation(scope, id, { assignee_id: actor.membershipId });
      await appendEvent(scope, {
        customerId: e.customerId,
        caseId: e.caseId,
        kind: "escalation.claimed",
        data: { escalationId: id, engineerName: actor.name },
        doer: doerOf(actor),
      });
      await announce(scope, id, e.caseId, "claimed");
    }
    return readEscalation(scope, id);
  });
}

/** An internal note on the case (a message of kind "note"), written from the escalation. */
export async function addEscalationNote(ctx: Ctx, actor: Actor, id: string, body: string) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const e = await lockOpen(scope, id);
    const row = await addMessageInTx(scope, {
      caseId: e.caseId,
      customerId: e.customerId,
      kind: "note",
      authorUserId: actor.userId,
      authorName: actor.name,
      body,
      channel: "web",
      attachments: [],
      doer: doerOf(actor),
    });
    await announce(scope, id, e.caseId, "note");
    return {
      id: row.id,
      caseId: e.caseId,
      body,
      author: { id: actor.userId, name: actor.name },
      createdAt: row.createdAt.toISOString(),
    };
  });
}

/** An engineer asks the agent for a further diagnostic: a task on the case. */
export async function addEscalationTask(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { title: string; detail?: string | undefined },
) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const e = await lockOpen(scope, id);
    const task = await insertTask(scope, {
      caseId: e.caseId,
      escalationId: id,
      title: input.title,
      detail: input.detail || null,
      createdBy: actor.userId,
      createdByName: actor.name,
    });
    await appendEvent(scope, {
      customerId: e.customerId,
      caseId: e.caseId,
      kind: "task.created",
      data: { taskId: task.id, escalationId: id, title: task.title },
      doer: doerOf(actor),
    });
    await updateEscalation(scope, id, {});
    await noticeTask(
      scope,
      { id: task.id, caseId: e.caseId, title: task.title, escalationCreatedBy: e.createdBy },
      actor,
    );
    await announce(scope, id, e.caseId, "task");
    return presentTask(task);
  });
}

export async function caseTasks(ctx: Ctx, actor: Actor, caseId: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const c = await findCase(scope, caseId);
  await assertCanSeeCase(scope, actor, c?.customerId);
  return { items: (await listTasks(scope, caseId)).map(presentTask) };
}

/** The agent did what was asked: who and when are recorded. */
export async function completeTask(ctx: Ctx, actor: Actor, taskId: string) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const task = await lockTask(scope, taskId);
    if (!task) throw new AppError("not_found", "Task was not found");
    if (task.status === "done") throw new AppError("conflict", "This task is already done");
    const c = await findCase(scope, task.case_id);
    const done = await markTaskDone(scope, taskId, { userId: actor.userId, name: actor.name });
    await appendEvent(scope, {
      customerId: c?.customerId as string,
      caseId: task.case_id,
      kind: "task.done",
      data: { taskId, title: task.title },
      doer: doerOf(actor),
    });
    if (task.escalation_id) await announce(scope, task.escalation_id, task.case_id, "task_done");
    return presentTask(done);
  });
}

/** Findings go back to the agent: shown on the case and announced live. */
export async function handBackFindings(ctx: Ctx, actor: Actor, id: string, findings: string) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const e = await lockOpen(scope, id);
    const at = new Date();
    await updateEscalation(scope, id, {
      status: "answered",
      findings,
      findings_by_name: actor.name,
      findings_at: at,
      // Whoever answers is the engineer on it, if nobody claimed it first.
      ...(e.assigneeId ? {} : { assignee_id: actor.membershipId }),
    });
    await appendEvent(scope, {
      customerId: e.customerId,
      caseId: e.caseId,
      kind: "escalation.findings",
      data: { escalationId: id, findings: findings.slice(0, 2000) },
      doer: doerOf(actor),
    });
    await resumeAfterEngineering(scope, actor, e.caseId);
    await noticeFindings(scope, { ...e, id, findings, at }, actor);
    await announce(scope, id, e.caseId, "findings");
    return readEscalation(scope, id);
  });
}

export async function closeEscalation(ctx: Ctx, actor: Actor, id: string) {
  assertCanClose(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const e = await lockOpen(scope, id);
    await updateEscalation(scope, id, { status: "closed", closed_at: new Date() });
    await appendEvent(scope, {
      customerId: e.customerId,
      caseId: e.caseId,
      kind: "escalation.closed",
      data: { escalationId: id },
      doer: doerOf(actor),
    });
    await announce(scope, id, e.caseId, "closed");
    return readEscalation(scope, id);
  });
}
