import type { Actor } from "../../platform/context.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { ledTeamIds } from "./actions.repo.ts";

/**
 * Who may run and decide actions. Running needs `actions.run` and a role the action lists
 * (admins always may). Deciding an approval needs `approvals.decide` (admins, any case) or
 * leading the team the case belongs to.
 */
export function canRunAction(actor: Actor, roles: string[]): boolean {
  if (!actor.permissions.includes("actions.run")) return false;
  return actor.role === "admin" || roles.includes(actor.role);
}

export function assertCanRunAction(actor: Actor, roles: string[]): void {
  if (!canRunAction(actor, roles)) throw new AppError("forbidden", "Your role may not run this action");
}

/** The teams whose approvals the actor decides: null = every team (admins). */
export async function decidableTeams(scope: TenantScope, actor: Actor): Promise<string[] | null> {
  if (actor.permissions.includes("approvals.decide")) return null;
  const teams = await ledTeamIds(scope, actor.membershipId);
  if (teams.length === 0) throw new AppError("forbidden", "Only admins and team leads decide approvals");
  return teams;
}

export async function assertCanDecide(scope: TenantScope, actor: Actor, caseTeamId: string | null) {
  const teams = await decidableTeams(scope, actor);
  if (teams === null) return;
  if (caseTeamId === null || !teams.includes(caseTeamId))
    throw new AppError("forbidden", "Only admins and the leads of the case's team decide this approval");
}
