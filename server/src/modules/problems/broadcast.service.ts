import { sql } from "kysely";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { iso } from "../../platform/http/route-kit.ts";
import { enqueueManyInTx } from "../../platform/jobs/enqueue.ts";
import { lockCase, updateCaseRow } from "../cases/cases.repo.ts";
import { writeMessage } from "../cases/conversation.service.ts";
import { appendEvent } from "../timeline/timeline.ts";
import { emitWebhookEvent } from "../webhooks/webhooks.service.ts";
import { audienceOf, summarise } from "./audience.ts";
import { assertCanManageProblems, problemNotFound } from "./problems.policy.ts";
import { insertProblemEvent, lockProblem } from "./problems.repo.ts";
import { announceProblem, readProblem } from "./problems.service.ts";

type Ctx = Pick<AppContext, "db" | "files"> & Partial<Pick<AppContext, "boss" | "config">>;
export type DeliveryJob = { workspaceId: string; updateId: string; caseId: string };

export async function previewAudience(ctx: Pick<AppContext, "db">, actor: Actor, problemId: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const p = await scope.selectFrom("problems").select("id").where("id", "=", problemId).executeTakeFirst();
  if (!p) throw problemNotFound();
  return summarise(await audienceOf(scope, problemId));
}

/** Replies are signed by the problem's owner; by the author when it has none. */
async function senderOf(scope: TenantScope, ownerId: string | null, actor: Actor) {
  if (ownerId) {
    const owner = await scope
      .selectFrom("memberships")
      .innerJoin("auth.user as u", "u.id", "memberships.user_id")
      .select(["u.id", "u.name"])
      .where("memberships.id", "=", ownerId)
      .executeTakeFirst();
    if (owner) return { userId: owner.id, name: owner.name };
  }
  return { userId: actor.userId, name: actor.name };
}

/**
 * The owner's update, sent as a reply on every linked case still in the audience. One
 * delivery row and one job per case are written in this transaction: the broadcast exists
 * whole or not at all, and each job sends its reply at most once (see deliverOne).
 */
export async function sendProblemUpdate(
  ctx: Ctx,
  actor: Actor,
  problemId: string,
  input: { body: string; solveWaiting?: boolean | undefined },
) {
  assertCanManageProblems(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const p = await lockProblem(scope, problemId);
    if (!p) throw problemNotFound();
    if (input.solveWaiting && p.status !== "fixed") {
      throw new AppError(
        "conflict",
        "Only a fixed problem can solve the cases waiting on it",
        "solveWaiting",
      );
    }
    const cases = await audienceOf(scope, problemId);
    const included = cases.filter((c) => c.excluded === null);
    const sender = await senderOf(scope, p.owner_id, actor);
    const update = await scope
      .insertInto("problem_updates", {
        problem_id: problemId,
        body: input.body,
        solve_waiting: input.solveWaiting ?? false,
        sender_user_id: sender.userId,
        sender_name: sender.name,
        author_user_id: actor.userId,
        audience_count: included.length,
        excluded_count: cases.length - included.length,
        finished_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (cases.length > 0) {
      await scope.db
        .insertInto("problem_update_deliveries")
        .values(
          cases.map((c) => ({
            workspace_id: scope.workspaceId,
            update_id: update.id,
            case_id: c.caseId,
            status: c.excluded ? ("skipped" as const) : ("pending" as const),
            skip_reason: c.excluded,
            done_at: c.excluded ? new Date() : null,
          })),
        )
        .execute();
    }
    if (ctx.boss && included.length > 0) {
      await enqueueManyInTx(
        ctx.boss,
        tx,
        "problem.update.deliver",
        included.map((c) => ({ workspaceId: scope.workspaceId, updateId: update.id, caseId: c.caseId })),
      );
    }
    await insertProblemEvent(scope, {
      problemId,
      kind: "problem.update_queued",
      actorUserId: actor.userId,
      actorName: actor.name,
      data: { updateId: update.id, audience: included.length, excluded: cases.length - included.length },
    });
    if (included.length === 0) await finishUpdate(ctx, scope, update.id);
    await announceProblem(scope, problemId, "update_sent");
    return { id: update.id, audienceCount: included.length };
  });
}

/**
 * A batch of jobs in one transaction per workspace: a commit (and its disk flush) per case
 * made a 5,000-case broadcast take minutes. Cases are locked in id order so two batches
 * never wait on each other in a cycle. If the batch fails, each job is retried on its own,
 * so one bad case cannot hold back the others, and only its own job fails.
 */
export async function deliverUpdates(ctx: Ctx, jobs: DeliveryJob[]): Promise<void> {
  const byWorkspace = new Map<string, DeliveryJob[]>();
  for (const j of jobs) byWorkspace.set(j.workspaceId, [...(byWorkspace.get(j.workspaceId) ?? []), j]);
  for (const [workspaceId, group] of byWorkspace) {
    const sorted = [...group].sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
    try {
      await deliverInOneTransaction(ctx, workspaceId, sorted);
    } catch (err) {
      if (sorted.length === 1) throw err;
      for (const job of sorted) await deliverInOneTransaction(ctx, workspaceId, [job]);
    }
  }
}

async function deliverInOneTransaction(ctx: Ctx, workspaceId: string, jobs: DeliveryJob[]) {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, workspaceId);
    for (const job of jobs) await deliverOne(ctx, scope, job);
    for (const updateId of new Set(jobs.map((j) => j.updateId))) await finishUpdate(ctx, scope, updateId);
  });
}

/**
 * One reply on one case. The delivery row is locked and its status changes in the same
 * transaction as the reply, so a worker killed anywhere leaves either both or neither, and a
 * retried (or duplicated) job finds the row done and does nothing.
 */
async function deliverOne(ctx: Ctx, scope: TenantScope, job: DeliveryJob): Promise<void> {
  const d = await scope
    .selectFrom("problem_update_deliveries")
    .innerJoin("problem_updates as u", "u.id", "problem_update_deliveries.update_id")
    .innerJoin("problems as p", "p.id", "u.problem_id")
    .select([
      "problem_update_deliveries.status",
      "u.body",
      "u.solve_waiting as solveWaiting",
      "u.sender_user_id as senderUserId",
      "u.sender_name as senderName",
      "u.problem_id as problemId",
      "p.number",
    ])
    .where("problem_update_deliveries.update_id", "=", job.updateId)
    .where("problem_update_deliveries.case_id", "=", job.caseId)
    .forUpdate("problem_update_deliveries")
    .executeTakeFirst();
  if (d?.status !== "pending") return;
  const c = await lockCase(scope, job.caseId);
  if (!c) return markDelivery(scope, job, "skipped", null, "missing");
  if (c.mergedIntoId) return markDelivery(scope, job, "skipped", null, "merged");
  const optedOut = await scope
    .selectFrom("problem_opt_outs")
    .select("customer_id")
    .where("problem_id", "=", d.problemId)
    .where("customer_id", "=", c.customerId)
    .executeTakeFirst();
  if (optedOut) return markDelivery(scope, job, "skipped", null, "opted_out");
  const doer = { userId: d.senderUserId, name: d.senderName };
  const message = await writeMessage(ctx, scope, { ...doer, doer }, c, "reply", {
    body: d.body,
    attachments: [],
  });
  await appendEvent(scope, {
    customerId: c.customerId,
    caseId: c.id,
    kind: "problem.update_sent",
    data: { problemId: d.problemId, number: Number(d.number), updateId: job.updateId },
    doer,
  });
  if (d.solveWaiting) await solveIfWaiting(scope, doer, c.id, d.problemId);
  await markDelivery(scope, job, "sent", message.id, null);
}

/** "Fixed": a case still waiting on the problem is solved; a reply from the customer reopens it. */
async function solveIfWaiting(
  scope: TenantScope,
  doer: { userId: string; name: string },
  caseId: string,
  problemId: string,
) {
  const c = await scope
    .selectFrom("cases")
    .select(["status", "customer_id as customerId", "waiting_on_problem_id as waitingOn"])
    .where("id", "=", caseId)
    .executeTakeFirstOrThrow();
  if (c.waitingOn !== problemId || c.status !== "pending") return;
  await updateCaseRow(scope, caseId, { status: "solved", waiting_on_problem_id: null });
  await appendEvent(scope, {
    customerId: c.customerId,
    caseId,
    kind: "case.status_changed",
    data: { from: c.status, to: "solved" },
    doer,
  });
}

async function markDelivery(
  scope: TenantScope,
  job: DeliveryJob,
  status: "sent" | "skipped",
  messageId: string | null,
  reason: string | null,
) {
  await scope
    .updateTable("problem_update_deliveries")
    .set({ status, message_id: messageId, skip_reason: reason, done_at: new Date() })
    .where("update_id", "=", job.updateId)
    .where("case_id", "=", job.caseId)
    .execute();
}

/**
 * Marks the broadcast finished when no delivery is pending, exactly once. The update row is
 * locked first: two jobs ending together would otherwise each see the other's delivery still
 * pending (neither committed) and neither would finish it.
 */
async function finishUpdate(ctx: Ctx, scope: TenantScope, updateId: string) {
  const u = await scope
    .selectFrom("problem_updates")
    .select(["id", "problem_id as problemId", "finished_at as finishedAt"])
    .where("id", "=", updateId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  // Finished already: a late or duplicate job must not announce it again.
  if (u.finishedAt) return;
  // Any one pending row is enough to know it is not over (the partial index finds it).
  const pending = await scope
    .selectFrom("problem_update_deliveries")
    .select("case_id")
    .where("update_id", "=", updateId)
    .where("status", "=", "pending")
    .limit(1)
    .executeTakeFirst();
  if (pending) return;
  await scope
    .updateTable("problem_updates")
    .set({ finished_at: new Date() })
    .where("id", "=", updateId)
    .execute();
  const counts = await deliveryCounts(scope, [updateId]);
  const c = counts.get(updateId) ?? { sent: 0, skipped: 0, pending: 0 };
  // Recorded once, when the update finishes (an empty audience finishes at once).
  await insertProblemEvent(scope, {
    problemId: u.problemId,
    kind: "problem.update_sent",
    actorUserId: null,
    actorName: null,
    data: { updateId, sent: c.sent, skipped: c.skipped },
  });
  const problem = await readProblem(scope, u.problemId);
  await emitWebhookEvent(scope, ctx.boss, "problem.update_sent", {
    problem,
    update: { id: updateId, sent: c.sent, skipped: c.skipped },
  });
  await announceProblem(scope, u.problemId, "update_sent");
}

async function deliveryCounts(scope: TenantScope, updateIds: string[]) {
  const counts = new Map<string, { sent: number; skipped: number; pending: number }>();
  if (updateIds.length === 0) return counts;
  const rows = await scope
    .selectFrom("problem_update_deliveries")
    .select(["update_id as updateId", "status", sql<number>`count(*)::int`.as("n")])
    .where("update_id", "in", updateIds)
    .groupBy(["update_id", "status"])
    .execute();
  for (const r of rows) {
    const c = counts.get(r.updateId) ?? { sent: 0, skipped: 0, pending: 0 };
    c[r.status as "sent" | "skipped" | "pending"] = Number(r.n);
    counts.set(r.updateId, c);
  }
  return counts;
}

export async function listProblemUpdates(ctx: Pick<AppContext, "db">, actor: Actor, problemId: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  await readProblem(scope, problemId);
  const rows = await scope
    .selectFrom("problem_updates")
    .selectAll()
    .where("problem_id", "=", problemId)
    .orderBy("created_at", "desc")
    .limit(100)
    .execute();
  const counts = await deliveryCounts(
    scope,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => {
      const c = counts.get(r.id) ?? { sent: 0, skipped: 0, pending: 0 };
      return {
        id: r.id,
        body: r.body,
        senderName: r.sender_name,
        solveWaiting: r.solve_waiting,
        audienceCount: r.audience_count,
        excludedCount: r.excluded_count,
        ...c,
        createdAt: iso(r.created_at),
        finishedAt: iso(r.finished_at),
      };
    }),
  };
}

/**
 * On worker start: a job for every delivery still pending of an unfinished broadcast. A job
 * lost with a killed worker would otherwise wait for pg-boss's expiry; a duplicate is
 * harmless, since a delivery already done is skipped.
 */
export async function resumeBroadcasts(ctx: Pick<AppContext, "db" | "boss">): Promise<number> {
  const pending = await ctx.db
    .selectFrom("problem_update_deliveries as d")
    .innerJoin("problem_updates as u", "u.id", "d.update_id")
    .select(["d.workspace_id as workspaceId", "d.update_id as updateId", "d.case_id as caseId"])
    .where("u.finished_at", "is", null)
    .where("d.status", "=", "pending")
    .execute();
  if (pending.length > 0) await enqueueManyInTx(ctx.boss, ctx.db, "problem.update.deliver", pending);
  return pending.length;
}
