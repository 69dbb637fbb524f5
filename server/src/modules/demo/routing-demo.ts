import { permissionsOf } from "../../platform/auth/permissions.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { findActorForUser } from "../accounts/memberships.repo.ts";
import { findUserByEmail } from "../accounts/users.repo.ts";
import { findIdentityOwner } from "../customers/customers.repo.ts";
import { setPreferredAgent } from "../routing/customers-routing.service.ts";
import { createRule, getRules } from "../routing/routing.service.ts";
import { ensureDemoTeams } from "./demo-teams.ts";
import { sample } from "./sample.ts";

type Ctx = Pick<AppContext, "db">;

/**
 * Routing in the demo (issue #18), over the demo's two teams (demo-teams.ts): German-speaking
 * customers to the Berlin desk and NetHub AX1800 owners to the Los Angeles desk, round robin;
 * anything tagged "billing" to the Berlin desk, least loaded; and Maria Gonzalez keeps Dana as
 * her preferred agent. Through the services, and idempotent: what exists is left as it is.
 */
export async function loadRoutingDemo(ctx: Ctx, workspaceId: string): Promise<void> {
  const admin = await actorFor(ctx, workspaceId, sample.staff[0].email);
  const dana = await actorFor(ctx, workspaceId, sample.staff[1].email);
  const marco = await actorFor(ctx, workspaceId, sample.staff[2].email);
  const teams = await ensureDemoTeams(ctx, admin, { dana, marco });
  const rules = (await getRules(ctx, admin)).items.map((r) => r.name);
  const wanted = [
    { name: "German speakers", position: 1, conditions: { language: "de" }, teamId: teams.berlin },
    {
      name: "NetHub routers",
      position: 2,
      conditions: { productModel: "NetHub AX1800" },
      teamId: teams.losAngeles,
    },
    {
      name: "Billing questions",
      position: 3,
      conditions: { tag: "billing" },
      teamId: teams.berlin,
      strategy: "least_loaded" as const,
    },
  ];
  for (const r of wanted) {
    if (!rules.includes(r.name)) await createRule(ctx, admin, { strategy: "round_robin", ...r });
  }
  const maria = await findIdentityOwner(
    new TenantScope(ctx.db, workspaceId),
    "email",
    sample.customers[0].email,
  );
  if (maria) await setPreferredAgent(ctx, admin, maria.customerId, dana.membershipId);
}

async function actorFor(ctx: Ctx, _workspaceId: string, email: string): Promise<Actor> {
  const user = await findUserByEmail(ctx.db, email);
  const row = user ? await findActorForUser(ctx.db, user.id, undefined) : undefined;
  if (!row) throw new Error(`demo staff member ${email} is missing`);
  return { ...row, via: "session", permissions: permissionsOf(row.role) };
}
