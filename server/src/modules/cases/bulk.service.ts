import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { checkAssignee, checkTeam } from "./assignment.ts";
import { assertCanWorkCases } from "./cases.policy.ts";
import { type CaseRow, findCase, lockCase, presentCase } from "./cases.repo.ts";
import { applyCasePatch, assertNotMerged } from "./cases.service.ts";

type Ctx = Pick<AppContext, "db">;

export type BulkSet = {
  status?: string | undefined;
  priority?: string | undefined;
  assigneeId?: string | null | undefined;
  teamId?: string | null | undefined;
  addTags?: string[] | undefined;
  removeTags?: string[] | undefined;
};

/**
 * The inbox's bulk actions: the same change to up to 100 cases in one transaction, each with
 * its own timeline events and realtime notice, exactly as if changed one by one. All or
 * nothing: one unknown case, bad assignee or merged case and nothing is written.
 */
export async function bulkUpdateCases(ctx: Ctx, actor: Actor, caseIds: string[], set: BulkSet) {
  assertCanWorkCases(actor, "create");
  const ids = [...new Set(caseIds)];
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    // The assignee and team are checked once, up front, so their errors name `set.…`.
    if (set.assigneeId) await named("set.", () => checkAssignee(scope, set.assigneeId as string));
    if (set.teamId) await named("set.", () => checkTeam(scope, set.teamId as string));
    // Locked in id order, so two bulk changes over overlapping cases cannot deadlock.
    const locked = [];
    for (const id of [...ids].sort()) {
      const current = await lockCase(scope, id);
      if (!current) throw new AppError("not_found", `Case ${id} was not found`, "caseIds");
      assertNotMerged(current, "caseIds");
      locked.push(current);
    }
    const add = set.addTags ?? [];
    const remove = new Set(set.removeTags ?? []);
    for (const current of locked) {
      const tags =
        set.addTags || set.removeTags
          ? [...new Set([...current.tags, ...add])].filter((t) => !remove.has(t))
          : undefined;
      await applyCasePatch(scope, actor, current, {
        status: set.status,
        priority: set.priority,
        assigneeId: set.assigneeId,
        teamId: set.teamId,
        tags,
      });
    }
    const items: ReturnType<typeof presentCase>[] = [];
    for (const id of ids) items.push(presentCase((await findCase(scope, id)) as CaseRow));
    return { items };
  });
}

/** Re-throws a field error with the field's path inside the request (`set.assigneeId`). */
async function named<T>(prefix: string, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (err) {
    if (err instanceof AppError && err.field)
      throw new AppError(err.code, err.message, `${prefix}${err.field}`);
    throw err;
  }
}
