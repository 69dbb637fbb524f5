import type { Actor } from "../../platform/context.ts";
import type { Executor } from "../../platform/db/tenant.ts";
import { forbidden } from "../../platform/http/errors.ts";
import { leadsATeam } from "../teams/leads.repo.ts";

/**
 * Reports are for the people who run support: admins (team.manage) and team leads
 * (team_members.is_lead). Agents see their own work in the inbox, not the team's figures.
 */
export async function assertCanReadReports(db: Executor, actor: Actor) {
  if (actor.role === "customer" || !actor.permissions.includes("cases.read")) throw forbidden();
  if (actor.permissions.includes("team.manage")) return;
  if (!(await leadsATeam(db, actor))) throw forbidden();
}
