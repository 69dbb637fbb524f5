import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError, notFound } from "../../platform/http/errors.ts";
import { audit } from "../audit/audit.ts";
import { ownCustomerId } from "../cases/cases.policy.ts";
import { assertCustomerWrite } from "./routing.policy.ts";
import {
  customerRouting,
  listStaff,
  pickableIds,
  setOrganizationTeam,
  teamExists,
  teamRef,
  upsertCustomerRouting,
} from "./routing.repo.ts";
import { isPickable } from "./routing.service.ts";

/** A customer's preferred agent and dedicated team: set by staff, or the agent by the customer. */
type Ctx = Pick<AppContext, "db">;

export async function getCustomerRouting(ctx: Ctx, actor: Actor, customerId: string) {
  const row = await customerRouting(new TenantScope(ctx.db, actor.workspaceId), customerId);
  if (!row) throw notFound("Customer");
  return present(row);
}

function present(row: NonNullable<Awaited<ReturnType<typeof customerRouting>>>) {
  return {
    customerId: row.customerId,
    preferredAgent: row.agentId ? { id: row.agentId, name: row.agentName ?? "" } : null,
    dedicatedTeam: row.teamId ? { id: row.teamId, name: row.teamName ?? "" } : null,
    organizationTeam: row.orgTeamId ? { id: row.orgTeamId, name: row.orgTeamName ?? "" } : null,
  };
}

export function setPreferredAgent(ctx: Ctx, actor: Actor, customerId: string, agentId: string | null) {
  return setCustomerRouting(ctx, actor, customerId, "routing.preferred_agent_set", async (scope) => {
    if (agentId) {
      // Staff may choose any active staff member, not only those customers may pick.
      const staff = await listStaff(scope);
      if (!staff.some((s) => s.id === agentId))
        throw new AppError("validation_failed", "agentId is not an active staff member", "agentId");
    }
    return { preferred_agent_id: agentId };
  });
}

export function setDedicatedTeam(ctx: Ctx, actor: Actor, customerId: string, teamId: string | null) {
  return setCustomerRouting(ctx, actor, customerId, "routing.dedicated_team_set", async (scope) => {
    if (teamId && !(await teamExists(scope, teamId)))
      throw new AppError("validation_failed", "teamId is not a team of this workspace", "teamId");
    return { dedicated_team_id: teamId };
  });
}

/**
 * Staff change one of a customer's routing choices: 404 for an unknown customer, the change
 * checked (a 422 naming the field) and stored, audited, in one transaction; the customer's
 * routing as it now stands comes back.
 */
async function setCustomerRouting(
  ctx: Ctx,
  actor: Actor,
  customerId: string,
  action: string,
  change: (scope: TenantScope) => Promise<Parameters<typeof upsertCustomerRouting>[2]>,
) {
  assertCustomerWrite(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    if (!(await customerRouting(scope, customerId))) throw notFound("Customer");
    await upsertCustomerRouting(scope, customerId, await change(scope));
    await audit(scope, { actorUserId: actor.userId, action, subjectType: "customer", subjectId: customerId });
    return present(
      (await customerRouting(scope, customerId)) as NonNullable<Awaited<ReturnType<typeof customerRouting>>>,
    );
  });
}

export async function setOrganizationDedicatedTeam(
  ctx: Ctx,
  actor: Actor,
  organization: string,
  teamId: string | null,
) {
  assertCustomerWrite(actor);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    if (teamId && !(await teamExists(scope, teamId)))
      throw new AppError("validation_failed", "teamId is not a team of this workspace", "teamId");
    await setOrganizationTeam(scope, organization, teamId);
    await audit(scope, {
      actorUserId: actor.userId,
      action: "routing.organization_team_set",
      subjectType: "organization",
      subjectId: organization,
    });
    return { organization, dedicatedTeam: await teamRef(scope, teamId) };
  });
}

/** The portal's picker: the agents the workspace lets customers choose, and the current choice. */
export async function portalAgents(ctx: Ctx, actor: Actor) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const customerId = await ownCustomerId(scope, actor);
  const [pickable, staff, mine] = [
    await pickableIds(scope),
    await listStaff(scope),
    await customerRouting(scope, customerId),
  ];
  return {
    items: staff.filter((s) => isPickable(s, pickable)).map((s) => ({ id: s.id, name: s.name })),
    preferredAgentId: mine?.agentId ?? null,
  };
}

/** A customer chooses their agent, only from the allowed ones (anyone else: 403 naming agentId). */
export async function pickPreferredAgent(ctx: Ctx, actor: Actor, agentId: string | null) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const customerId = await ownCustomerId(scope, actor);
    if (agentId) {
      const pickable = await pickableIds(scope);
      const agent = (await listStaff(scope)).find((s) => s.id === agentId);
      if (!agent || !isPickable(agent, pickable))
        throw new AppError("forbidden", "You may choose only from the agents offered", "agentId");
    }
    await upsertCustomerRouting(scope, customerId, { preferred_agent_id: agentId });
    await audit(scope, {
      actorUserId: actor.userId,
      action: "routing.preferred_agent_picked",
      subjectType: "customer",
      subjectId: customerId,
    });
    const agents = await portalAgents({ db: tx }, actor);
    return agents;
  });
}
