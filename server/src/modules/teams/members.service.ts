import type { Role } from "../../../../contracts/accounts.ts";
import { OPEN_STATUSES } from "../../../../contracts/cases.ts";
import { forgetAllActors } from "../../platform/auth/actor-cache.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { audit } from "../audit/audit.ts";
import { checkAssignee } from "../cases/assignment.ts";
import { appendEvent } from "../timeline/timeline.ts";

type Ctx = Pick<AppContext, "db">;

/**
 * Admins change staff roles and deactivate people. A deactivated person can no longer sign
 * in or use tokens; their cases stay readable and can be reassigned. The last active admin
 * cannot be demoted or deactivated, so a workspace is never left without one.
 */
export async function updateMember(
  ctx: Ctx,
  actor: Actor,
  id: string,
  patch: { role?: Role | undefined; status?: "active" | "deactivated" | undefined },
) {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const m = await scope
      .selectFrom("memberships")
      .select(["id", "role", "status"])
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!m) throw new AppError("not_found", "Member was not found");
    if (m.role === "customer")
      throw new AppError("validation_failed", "customers are managed as customers, not staff", "role");
    const losesAdmin =
      m.role === "admin" &&
      m.status === "active" &&
      ((patch.role && patch.role !== "admin") || patch.status === "deactivated");
    if (losesAdmin) {
      const admins = await scope
        .selectFrom("memberships")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("role", "=", "admin")
        .where("status", "=", "active")
        .executeTakeFirstOrThrow();
      if (Number(admins.n) <= 1)
        throw new AppError(
          "conflict",
          "The workspace needs at least one active admin",
          patch.role ? "role" : "status",
        );
    }
    await scope
      .updateTable("memberships")
      .set({ ...(patch.role ? { role: patch.role } : {}), ...(patch.status ? { status: patch.status } : {}) })
      .where("id", "=", id)
      .execute();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "member.updated",
      subjectType: "membership",
      subjectId: id,
      data: patch,
    });
  });
  // Committed: a new role or a deactivation applies to this process's next request.
  forgetAllActors();
}

/** Moves a person's open cases to someone else (or to nobody). */
export async function reassignOpenCases(ctx: Ctx, actor: Actor, fromId: string, toId: string | null) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const from = await scope
      .selectFrom("memberships")
      .select("id")
      .where("id", "=", fromId)
      .executeTakeFirst();
    if (!from) throw new AppError("not_found", "Member was not found");
    const to =
      toId === null
        ? null
        : await checkAssignee(scope, toId).catch(() => {
            throw new AppError("validation_failed", "toMemberId is not an active staff member", "toMemberId");
          });
    const toName = to
      ? ((
          await scope
            .selectFrom("memberships")
            .innerJoin("auth.user as u", "u.id", "memberships.user_id")
            .select("u.name")
            .where("memberships.id", "=", to)
            .executeTakeFirst()
        )?.name ?? null)
      : null;
    const moved = await scope
      .updateTable("cases")
      .set({ assignee_id: to, updated_at: new Date() })
      .where("assignee_id", "=", fromId)
      .where("status", "in", OPEN_STATUSES)
      .returning(["id", "customer_id as customerId"])
      .execute();
    for (const c of moved) {
      await appendEvent(scope, {
        customerId: c.customerId,
        caseId: c.id,
        kind: "case.assigned",
        data: { from: fromId, to, toName },
        doer: { userId: actor.userId, name: actor.name },
      });
    }
    await audit(scope, {
      actorUserId: actor.userId,
      action: "cases.reassigned",
      subjectType: "membership",
      subjectId: fromId,
      data: { to, moved: moved.length },
    });
    return { moved: moved.length };
  });
}
