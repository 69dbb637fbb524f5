import { sql } from "kysely";
import type { Actor } from "../../platform/context.ts";
import type { Executor } from "../../platform/db/tenant.ts";

/**
 * Whether the person leads at least one team of their workspace (team_members.is_lead).
 * Leads read the reports; `/api/v1/me` says so, so the web can show them the way there.
 */
export async function leadsATeam(db: Executor, actor: Pick<Actor, "membershipId" | "workspaceId">) {
  const { rows } = await sql`
    select 1 from team_members tm join teams t on t.id = tm.team_id
     where tm.membership_id = ${actor.membershipId} and t.workspace_id = ${actor.workspaceId} and tm.is_lead
     limit 1`.execute(db);
  return rows.length > 0;
}
