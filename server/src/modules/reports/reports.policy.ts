import { sql } from "kysely";
import type { Actor } from "../../platform/context.ts";
import type { Executor } from "../../platform/db/tenant.ts";
import { forbidden } from "../../platform/http/errors.ts";

/**
 * Reports are for the people who run support: admins (team.manage) and team leads
 * (team_members.is_lead). Agents see their own work in the inbox, not the team's figures.
 */
export async function assertCanReadReports(db: Executor, actor: Actor) {
  if (actor.role === "customer" || !actor.permissions.includes("cases.read")) throw forbidden();
  if (actor.permissions.includes("team.manage")) return;
  const { rows } = await sql`
    select 1 from team_members tm join teams t on t.id = tm.team_id
     where tm.membership_id = ${actor.membershipId} and t.workspace_id = ${actor.workspaceId} and tm.is_lead
     limit 1`.execute(db);
  if (rows.length === 0) throw forbidden();
}
