import { sql } from "kysely";
import type { ConductNotice } from "../../../../../contracts/conduct.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { AppError, forbidden } from "../../../platform/http/errors.ts";
import { conductClock } from "../history/decay.ts";
import { activeConductStep } from "./active.ts";

/**
 * What an agent handling the customer must know: the step in force and its restriction, for
 * the case page's banner ("Contact restricted: email only, through Dana, until 3 March").
 * No reason and no evidence: those are for managers.
 */
export async function conductNotice(
  ctx: Pick<AppContext, "db">,
  actor: Actor,
  customerId: string,
): Promise<ConductNotice> {
  if (actor.role === "customer" || !actor.permissions.includes("cases.read")) throw forbidden();
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const customer = await scope
    .selectFrom("customers")
    .select("id")
    .where("id", "=", customerId)
    .executeTakeFirst();
  if (!customer) throw new AppError("not_found", "Customer was not found");
  const step = await activeConductStep(scope, customerId, conductClock.now());
  if (!step) return { kind: null, channels: null, agentName: null, expiresAt: null };
  let agentName: string | null = null;
  if (step.restrictions?.agentMembershipId) {
    const { rows } = await sql<{ name: string }>`
      select u.name from memberships m join auth."user" u on u.id = m.user_id
       where m.workspace_id = ${actor.workspaceId} and m.id = ${step.restrictions.agentMembershipId}`.execute(
      ctx.db,
    );
    agentName = rows[0]?.name ?? null;
  }
  return {
    kind: step.kind,
    channels: step.restrictions?.channels ?? null,
    agentName,
    expiresAt: step.expiresAt ? new Date(step.expiresAt).toISOString() : null,
  };
}
