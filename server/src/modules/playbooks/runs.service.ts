import {
  type Definition,
  pickBranch,
  type Run,
  type RunStatus,
  type Step,
} from "../../../../contracts/playbooks.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { isStaff } from "../cases/cases.policy.ts";
import { findCase } from "../cases/cases.repo.ts";
import { findCustomerForUser } from "../customers/customers.repo.ts";
import { doerOf } from "../customers/customers.service.ts";
import { findSnapshot, snapshotData, snapshotsForRun } from "../diagnostics/diagnostics.repo.ts";
import { appendEvent, type Doer } from "../timeline/timeline.ts";
import { findLatestPublished, findPlaybook, findPlaybookBySlug } from "./playbooks.repo.ts";
import { openCaseForRun } from "./run-case.ts";
import {
  answerLatestStep,
  findRun,
  insertRun,
  insertRunStep,
  listCaseRuns,
  listRunSteps,
  lockRun,
  type RunRow,
  type RunStepRow,
  updateRun,
} from "./runs.repo.ts";

type Ctx = Pick<AppContext, "db">;

const runNotFound = () => new AppError("not_found", "Playbook run was not found");
const stepOf = (def: Definition, id: string | null) => def.steps.find((s) => s.id === id) ?? null;

function presentRun(r: RunRow, steps: RunStepRow[]): Run {
  const def = r.definition as Definition;
  return {
    id: r.id,
    playbookId: r.playbookId,
    playbookSlug: r.playbookSlug,
    playbookName: def.name,
    version: r.version,
    mode: r.mode,
    status: r.status,
    customerId: r.customerId,
    caseId: r.caseId,
    startedBy: r.startedByName,
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
    lastActivityAt: r.lastActivityAt.toISOString(),
    steps: steps
      .filter((s) => s.runId === r.id)
      .map((s) => ({
        seq: s.seq,
        stepId: s.stepId,
        kind: s.kind as Step["kind"],
        title: s.title,
        shownAt: s.shownAt.toISOString(),
        answeredAt: s.answeredAt?.toISOString() ?? null,
        answer: s.answer,
        snapshotId: s.snapshotId,
        outcome: s.outcome as Run["steps"][number]["outcome"],
        by: s.answeredByName,
      })),
    current: r.status === "open" ? stepOf(def, r.currentStepId) : null,
  };
}

async function present(scope: TenantScope, id: string) {
  const row = (await findRun(scope, id)) as RunRow;
  return presentRun(row, await listRunSteps(scope, [id]));
}

/** Staff see every run of the workspace; a customer only their own self-service runs. */
async function readableRun(scope: TenantScope, actor: Actor, id: string) {
  const run = await findRun(scope, id);
  if (!run) throw runNotFound();
  if (isStaff(actor)) return run;
  const own = await findCustomerForUser(scope, actor.userId);
  if (!own || own.id !== run.customerId || run.mode !== "self_service") throw runNotFound();
  return run;
}

/** Reading is not driving: staff who only read cases (engineers) may not answer or abandon runs. */
function assertCanDrive(actor: Actor) {
  if (isStaff(actor) && !actor.permissions.includes("cases.work")) {
    throw new AppError("forbidden", "Your role may read playbook runs but not run them");
  }
}

async function nudge(scope: TenantScope, run: { caseId: string | null; customerId: string }) {
  if (!run.caseId) return;
  await publish(scope.db, {
    workspaceId: scope.workspaceId,
    audience: { kind: "staff" },
    event: { type: "case.updated", caseId: run.caseId, customerId: run.customerId },
  });
}

/** Shows a step: the run-step row and its timeline event; an outcome also ends the run. */
async function show(
  scope: TenantScope,
  run: { id: string; customerId: string; caseId: string | null },
  step: Step,
  doer: Doer,
): Promise<RunStatus> {
  const outcome = step.kind === "outcome" ? step.outcome : null;
  await insertRunStep(scope, { runId: run.id, stepId: step.id, kind: step.kind, title: step.title, outcome });
  const base = { customerId: run.customerId, caseId: run.caseId, doer };
  await appendEvent(scope, {
    ...base,
    kind: "playbook.step",
    data: { runId: run.id, stepId: step.id, kind: step.kind, title: step.title },
  });
  if (step.kind !== "outcome") {
    await updateRun(scope, run.id, { currentStepId: step.id });
    return "open";
  }
  await updateRun(scope, run.id, { currentStepId: step.id, status: step.outcome, ended: true });
  await appendEvent(scope, {
    ...base,
    kind: "playbook.outcome",
    data: {
      runId: run.id,
      stepId: step.id,
      outcome: step.outcome,
      title: step.title,
      knownProblem: step.knownProblem ?? null,
    },
  });
  return step.outcome;
}

async function start(
  scope: TenantScope,
  actor: Actor,
  input: { playbookId: string; customerId: string; caseId: string | null; mode: "agent" | "self_service" },
) {
  const version = await findLatestPublished(scope, input.playbookId);
  if (!version) throw new AppError("conflict", "This playbook has no published version yet", "playbookId");
  const def = version.definition;
  const first = stepOf(def, def.start) as Step;
  const id = await insertRun(scope, {
    ...input,
    versionId: version.id,
    startedBy: actor.userId,
    startedByName: actor.name,
    currentStepId: first.id,
  });
  const run = { id, customerId: input.customerId, caseId: input.caseId };
  await appendEvent(scope, {
    customerId: input.customerId,
    caseId: input.caseId,
    kind: "playbook.started",
    data: {
      runId: id,
      playbookId: input.playbookId,
      playbookName: def.name,
      version: version.version,
      mode: input.mode,
    },
    doer: doerOf(actor),
  });
  await show(scope, run, first, doerOf(actor));
  await nudge(scope, run);
  return id;
}

/** An agent starts the published version of a playbook inside a case. */
export async function startCaseRun(ctx: Ctx, actor: Actor, caseId: string, playbookId: string) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const c = await findCase(scope, caseId);
    if (!c) throw new AppError("not_found", "Case was not found");
    if (!(await findPlaybook(scope, playbookId)))
      throw new AppError("not_found", "Playbook was not found", "playbookId");
    const id = await start(scope, actor, { playbookId, customerId: c.customerId, caseId, mode: "agent" });
    return present(scope, id);
  });
}

/** A signed-in customer starts a published playbook alone, from a help link or the new-request form. */
export async function startPortalRun(ctx: Ctx, actor: Actor, slug: string) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const own = await findCustomerForUser(scope, actor.userId);
    const p = await findPlaybookBySlug(scope, slug);
    if (!own || !p || !(await findLatestPublished(scope, p.id))) {
      throw new AppError("not_found", "This help guide does not exist");
    }
    const id = await start(scope, actor, {
      playbookId: p.id,
      customerId: own.id,
      caseId: null,
      mode: "self_service",
    });
    return present(scope, id);
  });
}

export async function getRun(ctx: Ctx, actor: Actor, id: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  await readableRun(scope, actor, id);
  return present(scope, id);
}

export async function listRunsOfCase(ctx: Ctx, actor: Actor, caseId: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const c = await findCase(scope, caseId);
  if (!c) throw new AppError("not_found", "Case was not found");
  const runs = await listCaseRuns(scope, caseId);
  const steps = await listRunSteps(
    scope,
    runs.map((r) => r.id),
  );
  return { items: runs.map((r) => presentRun(r, steps)) };
}

/**
 * Snapshots a check step could branch on (the picker's list): those sent for this run, and on
 * a case also those filed on the case from an hour before the run began (the agent may have
 * asked for one just before starting). Never the customer's snapshots of other requests.
 */
export async function runSnapshots(ctx: Ctx, actor: Actor, id: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const run = await readableRun(scope, actor, id);
  const since = new Date(run.startedAt.getTime() - 60 * 60 * 1000);
  const rows = await snapshotsForRun(scope, run, since, 20);
  return {
    items: rows.map((r) => ({
      id: r.id,
      summary: r.summary,
      source: r.source,
      capturedAt: r.capturedAt.toISOString(),
    })),
  };
}

const belongsToRun = (
  snap: { runId: string | null; caseId: string | null },
  run: { id: string; caseId: string | null },
) => snap.runId === run.id || (run.caseId !== null && snap.caseId === run.caseId);

/** Answers the current step and shows the next one; the run may end in an outcome. */
export async function answerStep(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { stepId: string; choice?: number | undefined; snapshotId?: string | undefined },
) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    await readableRun(scope, actor, id);
    const run = (await lockRun(scope, id)) as RunRow;
    assertCanDrive(actor);
    if (run.status !== "open") throw new AppError("conflict", "This run has already ended", "stepId");
    if (run.currentStepId !== input.stepId) {
      throw new AppError(
        "conflict",
        `Step "${input.stepId}" is no longer the current step (someone else moved the run on); reload to continue`,
        "stepId",
      );
    }
    const def = run.definition as Definition;
    const step = stepOf(def, run.currentStepId) as Step;
    let answer: string;
    let next: string;
    let snapshotId: string | null = null;
    switch (step.kind) {
      case "instruction":
        answer = "Done";
        next = step.next;
        break;
      case "question": {
        const choice = input.choice === undefined ? undefined : step.choices[input.choice];
        if (!choice)
          throw new AppError("validation_failed", `Pick one of the ${step.choices.length} choices`, "choice");
        answer = choice.label;
        next = choice.next;
        break;
      }
      case "check": {
        const snap = input.snapshotId ? await findSnapshot(scope, input.snapshotId) : undefined;
        if (!snap || snap.customerId !== run.customerId) {
          throw new AppError("validation_failed", "Give the id of a snapshot of this customer", "snapshotId");
        }
        // A customer's own guide branches only on what they sent for it; agents may judge
        // any snapshot of the customer relevant.
        if (run.mode === "self_service" && !belongsToRun(snap, run)) {
          throw new AppError(
            "validation_failed",
            "Send a snapshot for this guide (with its code) and use that one",
            "snapshotId",
          );
        }
        const branch = pickBranch(step, await snapshotData(scope, snap.id));
        answer = branch.matched ?? "otherwise (no condition matched)";
        next = branch.next;
        snapshotId = snap.id;
        break;
      }
      case "outcome":
        throw new AppError("conflict", "This run has already ended", "stepId");
    }
    const doer = doerOf(actor);
    await answerLatestStep(scope, run.id, { answer, snapshotId, byName: actor.name });
    await appendEvent(scope, {
      customerId: run.customerId,
      caseId: run.caseId,
      kind: "playbook.answer",
      data: { runId: run.id, stepId: step.id, title: step.title, answer, snapshotId },
      doer,
    });
    const status = await show(scope, run, stepOf(def, next) as Step, doer);
    // A self-service run that did not resolve becomes a case, carrying the whole run.
    if (run.mode === "self_service" && (status === "escalate" || status === "known_problem") && !run.caseId) {
      await openCaseForRun(scope, actor, run.id);
    } else await nudge(scope, run);
    return present(scope, run.id);
  });
}

export async function abandonRun(ctx: Ctx, actor: Actor, id: string, reason: string | undefined) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    await readableRun(scope, actor, id);
    const run = (await lockRun(scope, id)) as RunRow;
    assertCanDrive(actor);
    if (run.status !== "open") throw new AppError("conflict", "This run has already ended");
    await updateRun(scope, run.id, { status: "abandoned", ended: true });
    await appendEvent(scope, {
      customerId: run.customerId,
      caseId: run.caseId,
      kind: "playbook.abandoned",
      data: { runId: run.id, stepId: run.currentStepId, reason: reason ?? null },
      doer: doerOf(actor),
    });
    // A customer who gives up on a guide ("write to support") gets a case carrying the run.
    if (run.mode === "self_service" && !run.caseId) await openCaseForRun(scope, actor, run.id);
    else await nudge(scope, run);
    return present(scope, run.id);
  });
}
