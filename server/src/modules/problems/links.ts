import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { updateCaseRow } from "../cases/cases.repo.ts";
import { doerOf } from "../customers/customers.service.ts";
import { slaCasesChanged } from "../sla/case-sla.ts";
import { appendEvent, type Doer } from "../timeline/timeline.ts";
import { assertCanManageProblems, problemNotFound } from "./problems.policy.ts";
import { insertProblemEvent, lockProblem } from "./problems.repo.ts";

type Ctx = Pick<AppContext, "db">;
type ProblemRef = { id: string; number: number; title: string };
const WAITABLE = ["new", "open", "pending", "on_hold"];

async function announceCase(scope: TenantScope, caseId: string, customerId: string) {
  await publish(scope.db, {
    workspaceId: scope.workspaceId,
    audience: { kind: "staff" },
    event: { type: "case.updated", caseId, customerId },
  });
}

/**
 * Sets (or clears) "waiting on problem" as the case's pending reason. Waiting makes an
 * active case pending; stopping makes a case that was pending for it open again.
 */
export async function setWaiting(
  scope: TenantScope,
  doer: Doer,
  c: { id: string; customerId: string; status: string; waitingOn: string | null },
  problem: { id: string; number: number },
  waiting: boolean,
) {
  if (waiting && !WAITABLE.includes(c.status)) {
    throw new AppError("conflict", "A solved or closed case cannot wait on a problem", "problemId");
  }
  if (waiting === (c.waitingOn === problem.id && c.status === "pending")) return;
  const to = waiting ? "pending" : c.status === "pending" ? "open" : c.status;
  await updateCaseRow(scope, c.id, { status: to, waiting_on_problem_id: waiting ? problem.id : null });
  await slaCasesChanged(scope, [c.id]); // pending pauses the SLA clocks (sla/case-sla.ts)
  if (to !== c.status) {
    await appendEvent(scope, {
      customerId: c.customerId,
      caseId: c.id,
      kind: "case.status_changed",
      data: { from: c.status, to },
      doer,
    });
  }
  await appendEvent(scope, {
    customerId: c.customerId,
    caseId: c.id,
    kind: "problem.waiting",
    data: { problemId: problem.id, number: problem.number, waiting },
    doer,
  });
  await announceCase(scope, c.id, c.customerId);
}

/**
 * Links cases of this workspace to the problem inside the caller's transaction. Any unknown
 * id (or one of another workspace) is a 404 naming caseIds, and nothing is linked.
 */
export async function linkCasesInTx(
  scope: TenantScope,
  actor: Actor,
  problem: ProblemRef,
  caseIds: string[],
  opts: { wait?: boolean | undefined; reason?: string | undefined },
) {
  const ids = [...new Set(caseIds)];
  const cases = await scope
    .selectFrom("cases")
    .select(["id", "customer_id as customerId", "status", "number", "waiting_on_problem_id as waitingOn"])
    .where("id", "in", ids)
    .orderBy("number")
    .forUpdate()
    .execute();
  if (cases.length !== ids.length) {
    const found = new Set(cases.map((c) => c.id));
    const missing = ids.findIndex((id) => !found.has(id));
    throw new AppError(
      "not_found",
      "Case was not found",
      `caseIds.${caseIds.indexOf(ids[missing] as string)}`,
    );
  }
  // One statement for any number of cases; the select re-checks the workspace.
  const inserted = await scope.db
    .insertInto("problem_cases")
    .columns(["workspace_id", "problem_id", "case_id", "linked_by", "reason"])
    .expression((eb) =>
      eb
        .selectFrom("cases")
        .select([
          eb.val(scope.workspaceId).as("workspace_id"),
          eb.val(problem.id).as("problem_id"),
          "cases.id as case_id",
          eb.val(actor.userId).as("linked_by"),
          eb.val(opts.reason ?? null).as("reason"),
        ])
        .where("cases.id", "in", ids)
        .where("cases.workspace_id", "=", scope.workspaceId),
    )
    .onConflict((oc) => oc.doNothing())
    .returning("case_id")
    .execute();
  const fresh = new Set(inserted.map((r) => r.case_id));
  const doer = doerOf(actor);
  for (const c of cases) {
    if (fresh.has(c.id)) {
      await appendEvent(scope, {
        customerId: c.customerId,
        caseId: c.id,
        kind: "problem.linked",
        data: { problemId: problem.id, number: problem.number, title: problem.title },
        doer,
      });
    }
    if (opts.wait && WAITABLE.includes(c.status)) await setWaiting(scope, doer, c, problem, true);
    else if (fresh.has(c.id)) await announceCase(scope, c.id, c.customerId);
  }
  // Waiting on an open problem pauses the SLA clocks (sla/case-sla.ts).
  await slaCasesChanged(scope, [...fresh]);
  if (fresh.size > 0) {
    await insertProblemEvent(scope, {
      problemId: problem.id,
      kind: "problem.cases_linked",
      actorUserId: actor.userId,
      actorName: actor.name,
      data: {
        count: fresh.size,
        numbers: cases
          .filter((c) => fresh.has(c.id))
          .map((c) => Number(c.number))
          .slice(0, 20),
        ...(opts.reason ? { reason: opts.reason } : {}),
      },
    });
  }
  return { linked: fresh.size, alreadyLinked: ids.length - fresh.size };
}

async function lockedRef(scope: TenantScope, problemId: string): Promise<ProblemRef> {
  const p = await lockProblem(scope, problemId);
  if (!p) throw problemNotFound();
  return { id: p.id, number: Number(p.number), title: p.title };
}

export async function linkCases(
  ctx: Ctx,
  actor: Actor,
  problemId: string,
  caseIds: string[],
  opts: { wait?: boolean | undefined; reason?: string | undefined } = {},
) {
  assertCanManageProblems(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const problem = await lockedRef(scope, problemId);
    const result = await linkCasesInTx(scope, actor, problem, caseIds, opts);
    if (result.linked > 0) {
      await scope
        .updateTable("problems")
        .set({ updated_at: new Date() })
        .where("id", "=", problemId)
        .execute();
      await publish(scope.db, {
        workspaceId: scope.workspaceId,
        audience: { kind: "staff" },
        event: { type: "problem.updated", problemId, change: "cases" },
      });
    }
    return result;
  });
}

export async function unlinkCase(ctx: Ctx, actor: Actor, problemId: string, caseId: string) {
  assertCanManageProblems(actor);
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const problem = await lockedRef(scope, problemId);
    const c = await scope
      .selectFrom("cases")
      .select(["id", "customer_id as customerId", "status", "number", "waiting_on_problem_id as waitingOn"])
      .where("id", "=", caseId)
      .forUpdate()
      .executeTakeFirst();
    const gone = c
      ? await scope
          .deleteFrom("problem_cases")
          .where("problem_id", "=", problemId)
          .where("case_id", "=", caseId)
          .executeTakeFirst()
      : undefined;
    if (!c || Number(gone?.numDeletedRows ?? 0) === 0) {
      throw new AppError("not_found", "That case is not linked to this problem", "caseId");
    }
    const doer = doerOf(actor);
    // A case no longer linked cannot keep waiting on the problem.
    if (c.waitingOn === problemId) await setWaiting(scope, doer, c, problem, false);
    await slaCasesChanged(scope, [caseId]); // no longer waiting on this problem (sla/case-sla.ts)
    await appendEvent(scope, {
      customerId: c.customerId,
      caseId,
      kind: "problem.unlinked",
      data: { problemId, number: problem.number },
      doer,
    });
    await insertProblemEvent(scope, {
      problemId,
      kind: "problem.case_unlinked",
      actorUserId: actor.userId,
      actorName: actor.name,
      data: { caseId, number: Number(c.number) },
    });
    await announceCase(scope, caseId, c.customerId);
    await publish(scope.db, {
      workspaceId: scope.workspaceId,
      audience: { kind: "staff" },
      event: { type: "problem.updated", problemId, change: "cases" },
    });
  });
}
