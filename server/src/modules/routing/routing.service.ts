import type { z } from "zod";
import type {
  routingRuleInputSchema,
  routingRulePatchSchema,
  routingSettingsInputSchema,
} from "../../../../contracts/routing.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { forgetWorkspaceFlags } from "../../platform/db/workspace-flags.ts";
import { AppError, notFound } from "../../platform/http/errors.ts";
import { audit } from "../audit/audit.ts";
import { isOpen } from "../hours/calendar.ts";
import { assertManage } from "./routing.policy.ts";
import {
  agentState,
  listRules,
  listStaff,
  pickableIds,
  setPickable,
  teamExists,
  upsertAgent,
} from "./routing.repo.ts";

type Ctx = Pick<AppContext, "db">;
type RuleOut = Awaited<ReturnType<typeof listRules>>[number];
const scopeOf = (ctx: Ctx, actor: Actor) => new TenantScope(ctx.db, actor.workspaceId);

export async function getRules(ctx: Ctx, actor: Actor) {
  return { items: await listRules(scopeOf(ctx, actor)) };
}

export async function createRule(ctx: Ctx, actor: Actor, input: z.infer<typeof routingRuleInputSchema>) {
  assertManage(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    if (!(await teamExists(scope, input.teamId)))
      throw new AppError("validation_failed", "teamId is not a team of this workspace", "teamId");
    forgetWorkspaceFlags(); // case creation now has routing to do (cases/create-case.repo.ts)
    const row = await scope
      .insertInto("routing_rules", {
        name: input.name,
        position: input.position,
        conditions: JSON.stringify(input.conditions),
        team_id: input.teamId,
        strategy: input.strategy,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "routing.rule_created",
      subjectType: "routing_rule",
      subjectId: row.id,
    });
    return (await listRules(scope, row.id))[0] as RuleOut;
  });
}

export async function updateRule(
  ctx: Ctx,
  actor: Actor,
  id: string,
  patch: z.infer<typeof routingRulePatchSchema>,
) {
  assertManage(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    if (patch.teamId && !(await teamExists(scope, patch.teamId)))
      throw new AppError("validation_failed", "teamId is not a team of this workspace", "teamId");
    const res = await scope
      .updateTable("routing_rules")
      .set({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.position !== undefined && { position: patch.position }),
        ...(patch.conditions !== undefined && { conditions: JSON.stringify(patch.conditions) }),
        ...(patch.teamId !== undefined && { team_id: patch.teamId }),
        ...(patch.strategy !== undefined && { strategy: patch.strategy }),
        updated_at: new Date(),
      })
      .where("id", "=", id)
      .executeTakeFirst();
    if (!res.numUpdatedRows) throw notFound("Routing rule");
    await audit(scope, {
      actorUserId: actor.userId,
      action: "routing.rule_changed",
      subjectType: "routing_rule",
      subjectId: id,
    });
    return (await listRules(scope, id))[0] as RuleOut;
  });
}

export async function deleteRule(ctx: Ctx, actor: Actor, id: string) {
  assertManage(actor);
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const res = await scope.deleteFrom("routing_rules").where("id", "=", id).executeTakeFirst();
    if (!res.numDeletedRows) throw notFound("Routing rule");
    await audit(scope, {
      actorUserId: actor.userId,
      action: "routing.rule_deleted",
      subjectType: "routing_rule",
      subjectId: id,
    });
  });
}

export async function getSettings(ctx: Ctx, actor: Actor) {
  const scope = scopeOf(ctx, actor);
  const [pickable, staff] = [await pickableIds(scope), await listStaff(scope)];
  return {
    pickableAgentIds: pickable,
    agents: staff.map((s) => ({
      id: s.id,
      name: s.name,
      role: s.role,
      status: s.status,
      capacity: s.capacity,
      openCases: Number(s.openCases ?? 0),
      pickable: isPickable(s, pickable),
    })),
  };
}

/** Customers pick from agents (not engineers or moderators), and from the allowed list if any. */
export function isPickable(s: { id: string; role: string }, pickable: string[] | null) {
  return pickable ? pickable.includes(s.id) : s.role === "agent" || s.role === "admin";
}

export async function putSettings(ctx: Ctx, actor: Actor, input: z.infer<typeof routingSettingsInputSchema>) {
  assertManage(actor);
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const staffIds = new Set((await listStaff(scope)).map((s) => s.id));
    const unknown = [...(input.pickableAgentIds ?? []), ...Object.keys(input.members ?? {})].find(
      (id) => !staffIds.has(id),
    );
    if (unknown) {
      const field = input.pickableAgentIds?.includes(unknown) ? "pickableAgentIds" : `members.${unknown}`;
      throw new AppError("validation_failed", `${unknown} is not an active staff member`, field);
    }
    if (input.pickableAgentIds !== undefined) await setPickable(scope, input.pickableAgentIds);
    for (const [id, m] of Object.entries(input.members ?? {}))
      await upsertAgent(scope, id, { capacity: m.capacity });
    await audit(scope, { actorUserId: actor.userId, action: "routing.settings_changed" });
  });
  return getSettings(ctx, actor);
}

/** An agent sets their own availability; admins may set anyone's (e.g. someone off sick). */
export async function setAvailability(ctx: Ctx, actor: Actor, agentId: string, status: "available" | "away") {
  if (agentId !== actor.membershipId && !actor.permissions.includes("team.manage"))
    throw new AppError("forbidden", "You may only set your own availability");
  const scope = scopeOf(ctx, actor);
  const staff = await scope
    .selectFrom("memberships")
    .select("id")
    .where("id", "=", agentId)
    .where("role", "<>", "customer")
    .where("status", "=", "active")
    .executeTakeFirst();
  if (!staff) throw notFound("Agent");
  await upsertAgent(scope, agentId, { status });
  return availabilityOf(ctx, actor, agentId);
}

export async function availabilityOf(ctx: Ctx, actor: Actor, agentId: string) {
  const scope = scopeOf(ctx, actor);
  const state = await agentState(scope, agentId);
  const status = state?.status ?? "available";
  // The same rule routing uses: off when every one of the agent's teams has closed hours.
  const cals = await scope
    .selectFrom("team_members")
    .leftJoin("business_calendars as b", (j) => j.onRef("b.team_id", "=", "team_members.team_id"))
    .select(["b.timezone", "b.periods", "b.holidays"])
    .where("team_members.membership_id", "=", agentId)
    .execute();
  const now = new Date();
  const closed =
    cals.length > 0 &&
    cals.every(
      (c) =>
        c.timezone &&
        !isOpen({ timezone: c.timezone, periods: c.periods ?? [], holidays: c.holidays ?? [] }, now),
    );
  return {
    agentId,
    status,
    effective: status === "away" || closed ? ("away" as const) : ("available" as const),
    capacity: state?.capacity ?? null,
  };
}
