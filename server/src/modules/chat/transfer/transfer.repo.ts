import { sql } from "kysely";
import type { Role } from "../../../../../contracts/accounts.ts";
import { roleCan } from "../../../platform/auth/permissions.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";

/** The chat behind a case, locked so two transfers of one chat happen one after the other. */
export async function lockChatOfCase(scope: TenantScope, caseId: string) {
  return scope
    .selectFrom("chat_conversations")
    .select(["id as conversationId", "visitor_id as visitorId", "status"])
    .where("case_id", "=", caseId)
    .forUpdate()
    .executeTakeFirst();
}

/** An active staff member of this workspace, with the name visitors and colleagues see. */
export async function findStaffMember(scope: TenantScope, membershipId: string) {
  const { rows } = await sql<{ userId: string; role: Role; status: string; name: string }>`
    select m.user_id as "userId", m.role, m.status, coalesce(p.display_name, u.name) as name
      from memberships m
      join auth."user" u on u.id = m.user_id
      left join agent_profiles p on p.membership_id = m.id and p.workspace_id = m.workspace_id
     where m.workspace_id = ${scope.workspaceId} and m.id = ${membershipId}`.execute(scope.db);
  return rows[0];
}

export async function findTeam(scope: TenantScope, teamId: string) {
  return scope.selectFrom("teams").select(["id", "name"]).where("id", "=", teamId).executeTakeFirst();
}

/** The user ids of a team's active members who work cases, to tell them a chat came their way. */
export async function teamAgentUserIds(scope: TenantScope, teamId: string): Promise<string[]> {
  const { rows } = await sql<{ userId: string; role: Role }>`
    select m.user_id as "userId", m.role
      from team_members tm
      join memberships m on m.id = tm.membership_id
     where tm.team_id = ${teamId} and m.workspace_id = ${scope.workspaceId} and m.status = 'active'`.execute(
    scope.db,
  );
  return rows.filter((r) => roleCan(r.role, "cases.work")).map((r) => r.userId);
}
