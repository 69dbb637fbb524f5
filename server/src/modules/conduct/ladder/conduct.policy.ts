import { sql } from "kysely";
import type { Actor } from "../../../platform/context.ts";
import type { Executor } from "../../../platform/db/tenant.ts";
import { forbidden } from "../../../platform/http/errors.ts";

/**
 * Conduct histories, the review queue, appeals and the reports are for managers: admins
 * (team.manage) and team leads (team_members.is_lead), the same people reports are for.
 * Agents get 403; customers too (they never see another customer's history, nor their own).
 */
export async function isManager(db: Executor, actor: Actor): Promise<boolean> {
  if (actor.role === "customer" || !actor.permissions.includes("cases.read")) return false;
  if (actor.permissions.includes("team.manage")) return true;
  const { rows } = await sql`
    select 1 from team_members tm join teams t on t.id = tm.team_id
     where tm.membership_id = ${actor.membershipId} and t.workspace_id = ${actor.workspaceId} and tm.is_lead
     limit 1`.execute(db);
  return rows.length > 0;
}

export async function assertManager(db: Executor, actor: Actor): Promise<void> {
  if (!(await isManager(db, actor))) throw forbidden("Only admins and team leads see conduct");
}

/** Managers of the workspace (active admins and leads), as membership and user ids. */
export async function managersOf(db: Executor, workspaceId: string) {
  const { rows } = await sql<{ id: string; user_id: string; name: string; role: string }>`
    select m.id, m.user_id, u.name, m.role from memberships m join auth."user" u on u.id = m.user_id
     where m.workspace_id = ${workspaceId} and m.status = 'active' and m.role <> 'customer'
       and (m.role = 'admin' or exists (select 1 from team_members tm join teams t on t.id = tm.team_id
                                        where tm.membership_id = m.id and t.workspace_id = ${workspaceId} and tm.is_lead))
     order by (m.role = 'admin') desc, m.created_at`.execute(db);
  return rows;
}
