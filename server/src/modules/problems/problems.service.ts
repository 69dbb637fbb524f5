import type { CreateProblem, ProblemPatch } from "../../../../contracts/problems.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { audit } from "../audit/audit.ts";
import { doerOf } from "../customers/customers.service.ts";
import { slaProblemChanged } from "../sla/case-sla.ts";
import { emitWebhookEvent } from "../webhooks/webhooks.service.ts";
import { appendToLinkedCases } from "./case-events.ts";
import { linkCasesInTx } from "./links.ts";
import { assertCanManageProblems, problemNotFound } from "./problems.policy.ts";
import {
  casesPerDay,
  findProblem,
  insertProblemEvent,
  type LockedProblem,
  linkedEscalations,
  listProblems,
  lockProblem,
  nextProblemNumber,
  presentProblem,
} from "./problems.repo.ts";
import { announceWorkaround } from "./workaround.ts";

// boss is absent in the CLI (demo): no webhooks are announced there.
type Ctx = Pick<AppContext, "db"> & Partial<Pick<AppContext, "boss" | "log">>;
export type ProblemChange = "created" | "changed" | "cases" | "update_sent";

export async function announceProblem(scope: TenantScope, problemId: string, change: ProblemChange) {
  await publish(scope.db, {
    workspaceId: scope.workspaceId,
    audience: { kind: "staff" },
    event: { type: "problem.updated", problemId, change },
  });
}

export async function readProblem(scope: TenantScope, id: string) {
  const row = await findProblem(scope, id);
  if (!row) throw problemNotFound();
  return presentProblem(row);
}

/** An owner is a staff member of this workspace; a team is one of its teams. */
async function checkOwnerAndTeam(scope: TenantScope, ownerId?: string | null, teamId?: string | null) {
  if (ownerId) {
    const m = await scope
      .selectFrom("memberships")
      .select("role")
      .where("id", "=", ownerId)
      .executeTakeFirst();
    if (!m || m.role === "customer") throw new AppError("not_found", "No such staff member", "ownerId");
  }
  if (teamId) {
    const t = await scope.selectFrom("teams").select("id").where("id", "=", teamId).executeTakeFirst();
    if (!t) throw new AppError("not_found", "No such team", "teamId");
  }
}

export async function createProblem(
  ctx: Ctx,
  actor: Actor,
  input: CreateProblem,
  opts: { linkReason?: string } = {},
) {
  assertCanManageProblems(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    await checkOwnerAndTeam(scope, input.ownerId, input.teamId);
    const number = await nextProblemNumber(scope);
    const row = await scope
      .insertInto("problems", {
        number,
        title: input.title,
        description: input.description ?? "",
        affected_products: JSON.stringify(input.affectedProducts ?? []),
        owner_id: input.ownerId ?? actor.membershipId,
        team_id: input.teamId ?? null,
        created_by_user_id: actor.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await insertProblemEvent(scope, {
      problemId: row.id,
      kind: "problem.created",
      actorUserId: actor.userId,
      actorName: actor.name,
      data: { title: input.title },
    });
    if (input.caseIds && input.caseIds.length > 0) {
      await linkCasesInTx(scope, actor, { id: row.id, number, title: input.title }, input.caseIds, {
        reason: opts.linkReason,
      });
    }
    await audit(scope, {
      actorUserId: actor.userId,
      action: "problem.created",
      subjectType: "problem",
      subjectId: row.id,
      data: { number },
    });
    const problem = await readProblem(scope, row.id);
    await emitWebhookEvent(scope, ctx.boss, "problem.created", { problem });
    await announceProblem(scope, row.id, "created");
    return problem;
  });
}

/** What a patch changed, as {field: [before, after]}, for the problem's timeline. */
function changesOf(p: LockedProblem, patch: ProblemPatch) {
  const before: Record<string, unknown> = {
    title: p.title,
    description: p.description,
    status: p.status,
    publicTitle: p.public_title,
    publicWorkaround: p.public_workaround,
    affectedProducts: p.affected_products,
    ownerId: p.owner_id,
    teamId: p.team_id,
  };
  const changed: Record<string, [unknown, unknown]> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(v ?? null))
      changed[k] = [before[k] ?? null, v ?? null];
  }
  return changed;
}

export async function updateProblem(ctx: Ctx, actor: Actor, id: string, patch: ProblemPatch) {
  assertCanManageProblems(actor);
  const result = await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const p = await lockProblem(scope, id);
    if (!p) throw problemNotFound();
    await checkOwnerAndTeam(scope, patch.ownerId, patch.teamId);
    const changed = changesOf(p, patch);
    if (Object.keys(changed).length === 0) return { problem: await readProblem(scope, id), publish: null };
    await scope
      .updateTable("problems")
      .set({
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.publicTitle !== undefined ? { public_title: patch.publicTitle || null } : {}),
        ...(patch.publicWorkaround !== undefined
          ? { public_workaround: patch.publicWorkaround || null }
          : {}),
        ...(patch.affectedProducts !== undefined
          ? { affected_products: JSON.stringify(patch.affectedProducts) }
          : {}),
        ...(patch.ownerId !== undefined ? { owner_id: patch.ownerId } : {}),
        ...(patch.teamId !== undefined ? { team_id: patch.teamId } : {}),
        updated_at: new Date(),
      })
      .where("id", "=", id)
      .execute();
    const doer = doerOf(actor);
    const base = { problemId: id, actorUserId: actor.userId, actorName: actor.name };
    const number = Number(p.number);
    const { status: statusChange, publicWorkaround: workaroundChange, ...rest } = changed;
    if (statusChange) {
      const [from, to] = statusChange as [string, string];
      await insertProblemEvent(scope, { ...base, kind: "problem.status_changed", data: { from, to } });
      // Closing the problem resumes its cases' SLA clocks; reopening pauses them (sla/case-sla.ts).
      if (from === "closed" || to === "closed") await slaProblemChanged(scope, id);
      await appendToLinkedCases(
        scope,
        id,
        "problem.status_changed",
        { problemId: id, number, from, to },
        doer,
      );
    }
    const workaround = patch.publicWorkaround ? patch.publicWorkaround : null;
    if (workaroundChange && workaround) {
      await insertProblemEvent(scope, { ...base, kind: "problem.workaround_published", data: {} });
      await appendToLinkedCases(scope, id, "problem.workaround_published", { problemId: id, number }, doer);
    } else if (workaroundChange) {
      await insertProblemEvent(scope, { ...base, kind: "problem.workaround_withdrawn", data: {} });
    }
    if (Object.keys(rest).length > 0) {
      await insertProblemEvent(scope, {
        ...base,
        kind: "problem.changed",
        data: { fields: Object.keys(rest) },
      });
    }
    const problem = await readProblem(scope, id);
    if (statusChange) {
      await emitWebhookEvent(scope, ctx.boss, "problem.status_changed", {
        problem,
        from: statusChange[0],
        to: statusChange[1],
      });
    }
    await announceProblem(scope, id, "changed");
    return { problem, publish: workaroundChange || changed.publicTitle || statusChange ? problem : null };
  });
  // Publishing beyond the case pages (the help center) happens after the commit, and its
  // failure never undoes the change: the workaround is still on every linked case.
  const p = result.publish;
  if (p) {
    const onError = (err: unknown) => ctx.log?.error({ err, problemId: p.id }, "workaround publisher failed");
    if (p.publicWorkaround && p.publicTitle && p.status !== "closed") {
      await announceWorkaround(
        {
          workspaceId: actor.workspaceId,
          problemId: p.id,
          number: p.number,
          publicTitle: p.publicTitle,
          workaround: p.publicWorkaround,
          status: p.status,
        },
        onError,
      );
    } else {
      await announceWorkaround({ withdraw: true, workspaceId: actor.workspaceId, problemId: p.id }, onError);
    }
  }
  return result.problem;
}

const ACTIVE = ["investigating", "identified", "workaround_available", "fix_in_progress", "fixed"];

/** "P-12", "p12", "#12" or "12" name a number; anything else is words of the title. */
export function parseProblemQuery(q: string | undefined) {
  if (!q) return {};
  const m = /^\s*(?:p-?|#)?(\d{1,9})\s*$/i.exec(q);
  return m ? { number: Number(m[1]), words: q.trim() } : { words: q.trim() };
}

export async function listProblemsFor(
  ctx: Ctx,
  actor: Actor,
  query: { status: string; q?: string | undefined },
) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const statuses = query.status === "all" ? undefined : query.status === "active" ? ACTIVE : [query.status];
  const rows = await listProblems(scope, { statuses, ...parseProblemQuery(query.q) });
  return { items: rows.map(presentProblem) };
}

export async function getProblemDetail(ctx: Ctx, actor: Actor, id: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const problem = await readProblem(scope, id);
  const [perDay, escalations] = await Promise.all([casesPerDay(scope, id), linkedEscalations(scope, id)]);
  return { ...problem, perDay, escalations };
}

export async function linkEscalation(ctx: Ctx, actor: Actor, problemId: string, escalationId: string) {
  assertCanManageProblems(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    if (!(await lockProblem(scope, problemId))) throw problemNotFound();
    const e = await scope
      .selectFrom("escalations")
      .select(["id", "summary"])
      .where("id", "=", escalationId)
      .executeTakeFirst();
    if (!e) throw new AppError("not_found", "Escalation was not found", "escalationId");
    const inserted = await scope
      .insertInto("problem_escalations", { problem_id: problemId, escalation_id: escalationId })
      .onConflict((oc) => oc.doNothing())
      .returning("escalation_id")
      .executeTakeFirst();
    if (inserted) {
      await insertProblemEvent(scope, {
        problemId,
        kind: "problem.escalation_linked",
        actorUserId: actor.userId,
        actorName: actor.name,
        data: { escalationId, summary: e.summary },
      });
      await announceProblem(scope, problemId, "changed");
    }
    return getProblemDetail({ db: tx }, actor, problemId);
  });
}

export async function unlinkEscalation(ctx: Ctx, actor: Actor, problemId: string, escalationId: string) {
  assertCanManageProblems(actor);
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    if (!(await lockProblem(scope, problemId))) throw problemNotFound();
    const gone = await scope
      .deleteFrom("problem_escalations")
      .where("problem_id", "=", problemId)
      .where("escalation_id", "=", escalationId)
      .executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) {
      throw new AppError("not_found", "That escalation is not linked to this problem", "escalationId");
    }
    await insertProblemEvent(scope, {
      problemId,
      kind: "problem.escalation_unlinked",
      actorUserId: actor.userId,
      actorName: actor.name,
      data: { escalationId },
    });
    await announceProblem(scope, problemId, "changed");
  });
}
