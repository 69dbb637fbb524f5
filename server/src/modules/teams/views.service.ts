import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";

type Ctx = Pick<AppContext, "db">;

/** Inbox views an agent saved for themselves: a name and the list filters. */
export async function listViews(ctx: Ctx, actor: Actor) {
  const rows = await new TenantScope(ctx.db, actor.workspaceId)
    .selectFrom("saved_views")
    .select(["id", "name", "filters"])
    .where("membership_id", "=", actor.membershipId)
    .orderBy("created_at")
    .execute();
  return { items: rows.map((r) => ({ ...r, filters: r.filters as Record<string, string> })) };
}

export async function saveView(
  ctx: Ctx,
  actor: Actor,
  input: { name: string; filters: Record<string, unknown> },
) {
  const row = await new TenantScope(ctx.db, actor.workspaceId)
    .insertInto("saved_views", {
      membership_id: actor.membershipId,
      name: input.name,
      filters: JSON.stringify(input.filters),
    })
    .returning(["id", "name", "filters"])
    .executeTakeFirstOrThrow();
  return { ...row, filters: row.filters as Record<string, string> };
}

export async function deleteView(ctx: Ctx, actor: Actor, id: string) {
  const deleted = await new TenantScope(ctx.db, actor.workspaceId)
    .deleteFrom("saved_views")
    .where("id", "=", id)
    .where("membership_id", "=", actor.membershipId)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) === 0) throw new AppError("not_found", "View was not found");
}
