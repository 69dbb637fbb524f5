import { sql } from "kysely";
import { type CaseStatus, OPEN_STATUSES } from "../../../../contracts/cases.ts";
import type { RoutingConditions } from "../../../../contracts/routing.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { forgetWorkspaceFlags } from "../../platform/db/workspace-flags.ts";

/** SQL for the routing settings, rules and per-customer choices; every query tenant-scoped. */

export async function listRules(scope: TenantScope, id?: string) {
  let q = scope
    .selectFrom("routing_rules")
    .leftJoin("teams", "teams.id", "routing_rules.team_id")
    .select([
      "routing_rules.id",
      "routing_rules.name",
      "routing_rules.position",
      "routing_rules.conditions",
      "routing_rules.team_id as teamId",
      "teams.name as teamName",
      "routing_rules.strategy",
      "routing_rules.created_at as createdAt",
      "routing_rules.updated_at as updatedAt",
    ])
    .orderBy("routing_rules.position")
    .orderBy("routing_rules.created_at");
  if (id) q = q.where("routing_rules.id", "=", id);
  const rows = await q.execute();
  return rows.map((r) => ({
    ...r,
    conditions: r.conditions as RoutingConditions,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  }));
}

export async function teamExists(scope: TenantScope, id: string) {
  return !!(await scope.selectFrom("teams").select("id").where("id", "=", id).executeTakeFirst());
}

export async function teamRef(scope: TenantScope, id: string | null) {
  if (!id) return null;
  return (
    (await scope.selectFrom("teams").select(["id", "name"]).where("id", "=", id).executeTakeFirst()) ?? null
  );
}

/** Active staff (not customers) with their routing state and open load. */
export async function listStaff(scope: TenantScope) {
  const open = OPEN_STATUSES as CaseStatus[];
  return scope
    .selectFrom("memberships")
    .innerJoin("auth.user as u", "u.id", "memberships.user_id")
    .leftJoin("routing_agents as ra", "ra.membership_id", "memberships.id")
    .select((eb) => [
      "memberships.id",
      "u.name",
      "memberships.role",
      eb.fn.coalesce("ra.status", sql<"available" | "away">`'available'`).as("status"),
      "ra.capacity",
      eb
        .selectFrom("cases")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("cases.workspace_id", "=", scope.workspaceId)
        .whereRef("cases.assignee_id", "=", "memberships.id")
        .where("cases.status", "in", open)
        .as("openCases"),
    ])
    .where("memberships.role", "<>", "customer")
    .where("memberships.status", "=", "active")
    .orderBy("u.name")
    .execute();
}

export async function pickableIds(scope: TenantScope): Promise<string[] | null> {
  const row = await scope.selectFrom("routing_settings").select("pickable_agent_ids").executeTakeFirst();
  return row?.pickable_agent_ids ?? null;
}

export async function setPickable(scope: TenantScope, ids: string[] | null) {
  await scope
    .insertInto("routing_settings", { pickable_agent_ids: ids })
    .onConflict((oc) =>
      oc.column("workspace_id").doUpdateSet({ pickable_agent_ids: ids, updated_at: new Date() }),
    )
    .execute();
}

export async function upsertAgent(
  scope: TenantScope,
  membershipId: string,
  set: { status?: "available" | "away"; capacity?: number | null },
) {
  await scope
    .insertInto("routing_agents", { membership_id: membershipId, ...set })
    .onConflict((oc) =>
      oc.columns(["membership_id", "workspace_id"]).doUpdateSet({ ...set, updated_at: new Date() }),
    )
    .execute();
}

export async function agentState(scope: TenantScope, membershipId: string) {
  return scope
    .selectFrom("routing_agents")
    .select(["status", "capacity"])
    .where("membership_id", "=", membershipId)
    .executeTakeFirst();
}

export async function customerRouting(scope: TenantScope, customerId: string) {
  return scope
    .selectFrom("customers")
    .leftJoin("customer_routing as cr", "cr.customer_id", "customers.id")
    .leftJoin("memberships as m", "m.id", "cr.preferred_agent_id")
    .leftJoin("auth.user as u", "u.id", "m.user_id")
    .leftJoin("teams as t", "t.id", "cr.dedicated_team_id")
    .leftJoin("organization_routing as o", (j) =>
      j
        .onRef("o.organization", "=", "customers.organization")
        .onRef("o.workspace_id", "=", "customers.workspace_id"),
    )
    .leftJoin("teams as ot", "ot.id", "o.dedicated_team_id")
    .select([
      "customers.id as customerId",
      "customers.user_id as userId",
      "m.id as agentId",
      "u.name as agentName",
      "t.id as teamId",
      "t.name as teamName",
      "ot.id as orgTeamId",
      "ot.name as orgTeamName",
    ])
    .where("customers.id", "=", customerId)
    .where("customers.merged_into", "is", null)
    .executeTakeFirst();
}

export async function upsertCustomerRouting(
  scope: TenantScope,
  customerId: string,
  set: { preferred_agent_id?: string | null; dedicated_team_id?: string | null },
) {
  forgetWorkspaceFlags(); // case creation may now have routing to do (cases/create-case.repo.ts)
  await scope
    .insertInto("customer_routing", { customer_id: customerId, ...set })
    .onConflict((oc) =>
      oc.columns(["customer_id", "workspace_id"]).doUpdateSet({ ...set, updated_at: new Date() }),
    )
    .execute();
}

export async function setOrganizationTeam(scope: TenantScope, organization: string, teamId: string | null) {
  if (teamId === null) {
    await scope.deleteFrom("organization_routing").where("organization", "=", organization).execute();
    return;
  }
  forgetWorkspaceFlags(); // case creation may now have routing to do (cases/create-case.repo.ts)
  await scope
    .insertInto("organization_routing", { organization, dedicated_team_id: teamId })
    .onConflict((oc) =>
      oc
        .columns(["workspace_id", "organization"])
        .doUpdateSet({ dedicated_team_id: teamId, updated_at: new Date() }),
    )
    .execute();
}
