import type { ProblemStatus } from "../../../../contracts/problems.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { assertCanSeeCase, isStaff } from "../cases/cases.policy.ts";
import { findCase } from "../cases/cases.repo.ts";
import { doerOf } from "../customers/customers.service.ts";
import { linkCasesInTx, setWaiting } from "./links.ts";
import { assertCanManageProblems, problemNotFound } from "./problems.policy.ts";
import { lockProblem } from "./problems.repo.ts";
import { renderWorkaround } from "./workaround.ts";

type Ctx = Pick<AppContext, "db">;

/** What customers read when a problem has no public title yet: never the internal one. */
export const UNTITLED_PUBLIC = "A known problem we are working on";

/**
 * The problems linked to a case. Staff see each one's number and title; the case's customer
 * sees only the public title, the status and the public workaround.
 */
export async function caseProblems(ctx: Ctx, actor: Actor, caseId: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const c = await findCase(scope, caseId);
  await assertCanSeeCase(scope, actor, c?.customerId);
  const staff = isStaff(actor);
  const rows = await scope
    .selectFrom("problem_cases")
    .innerJoin("problems as p", "p.id", "problem_cases.problem_id")
    .innerJoin("cases as c", "c.id", "problem_cases.case_id")
    .select([
      "p.id",
      "p.number",
      "p.title",
      "p.public_title as publicTitle",
      "p.status",
      "p.public_workaround as publicWorkaround",
      "c.waiting_on_problem_id as waitingOn",
      "c.status as caseStatus",
    ])
    .where("problem_cases.case_id", "=", caseId)
    .orderBy("problem_cases.linked_at")
    .execute();
  return {
    items: rows.map((r) => ({
      problemId: r.id,
      number: staff ? Number(r.number) : null,
      title: staff ? r.title : (r.publicTitle ?? UNTITLED_PUBLIC),
      status: r.status as ProblemStatus,
      workaroundHtml: renderWorkaround(r.publicWorkaround),
      waiting: r.waitingOn === r.id && r.caseStatus === "pending",
    })),
  };
}

/**
 * Sets the case waiting on a problem (linking it first when it is not linked yet), or stops
 * its wait (problemId null).
 */
export async function waitOnProblem(ctx: Ctx, actor: Actor, caseId: string, problemId: string | null) {
  assertCanManageProblems(actor);
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const c = await scope
      .selectFrom("cases")
      .select(["id", "customer_id as customerId", "status", "waiting_on_problem_id as waitingOn"])
      .where("id", "=", caseId)
      .forUpdate()
      .executeTakeFirst();
    if (!c) throw new AppError("not_found", "Case was not found");
    const target = problemId ?? c.waitingOn;
    if (!target) return;
    const p = await lockProblem(scope, target);
    if (!p) throw problemNotFound("problemId");
    const ref = { id: p.id, number: Number(p.number), title: p.title };
    if (problemId) {
      // A case waiting on another problem stops waiting on that one first.
      if (c.waitingOn && c.waitingOn !== problemId && c.status === "pending") {
        const other = await lockProblem(scope, c.waitingOn);
        if (other)
          await setWaiting(scope, doerOf(actor), c, { id: other.id, number: Number(other.number) }, false);
        c.status = "open";
        c.waitingOn = null;
      }
      await linkCasesInTx(scope, actor, ref, [caseId], {});
      await setWaiting(scope, doerOf(actor), c, ref, true);
    } else {
      await setWaiting(scope, doerOf(actor), c, ref, false);
    }
  });
  return caseProblems(ctx, actor, caseId);
}

/** A customer who wants no more updates about a problem linked to one of their cases. */
export async function optOutOfProblem(ctx: Ctx, actor: Actor, caseId: string, problemId: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const c = await findCase(scope, caseId);
  await assertCanSeeCase(scope, actor, c?.customerId);
  const customerId = c?.customerId as string;
  const link = await scope
    .selectFrom("problem_cases")
    .select("problem_id")
    .where("case_id", "=", caseId)
    .where("problem_id", "=", problemId)
    .executeTakeFirst();
  if (!link) throw problemNotFound("problemId");
  await scope
    .insertInto("problem_opt_outs", { problem_id: problemId, customer_id: customerId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
