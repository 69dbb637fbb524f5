import { sql } from "kysely";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import type { Calendar } from "../../hours/calendar.ts";

/** One agent as chat sees them: capacity, chats in hand, and what decides "online". */
export type ChatAgentRow = {
  id: string;
  name: string;
  /** routing_agents.status ('available' without a row). */
  status: "available" | "away";
  lastSeenAt: Date | null;
  /** Their own capacity, else the widget's default_chat_capacity. */
  capacity: number;
  ownCapacity: boolean;
  /** Chats assigned to them that are waiting or active on an unsolved case. */
  active: number;
  teamIds: string[];
};

/** The chat widget's default capacity (the column default when no widget exists yet). */
const DEFAULT_CAPACITY = 3;

/**
 * The agents who may take chats (admins and agents: the roles that answer customers), with
 * everything the capacity screens, availability and assignment need, in one statement.
 * `teamId` narrows to one team's members, `membershipId` to one person.
 */
export async function listChatAgents(
  scope: TenantScope,
  filter: { teamId?: string | null; membershipId?: string } = {},
): Promise<ChatAgentRow[]> {
  const ws = scope.workspaceId;
  const team = filter.teamId ?? null;
  const one = filter.membershipId ?? null;
  const { rows } = await sql<ChatAgentRow>`
    select m.id, u.name, coalesce(ra.status, 'available') as status,
           (select max(p.last_seen_at) from staff_presence p
             where p.workspace_id = ${ws}::uuid and p.membership_id = m.id) as "lastSeenAt",
           coalesce(cas.capacity,
                    (select w.default_chat_capacity from chat_widgets w where w.workspace_id = ${ws}::uuid),
                    ${DEFAULT_CAPACITY}::int) as capacity,
           cas.capacity is not null as "ownCapacity",
           (select count(*)::int from chat_conversations cc
              join cases k on k.id = cc.case_id
             where cc.workspace_id = ${ws}::uuid and k.workspace_id = ${ws}::uuid
               and k.assignee_id = m.id and cc.status in ('waiting', 'active')
               and k.status not in ('solved', 'closed')) as active,
           coalesce((select array_agg(tm.team_id order by tm.team_id) from team_members tm
                      where tm.workspace_id = ${ws}::uuid and tm.membership_id = m.id), '{}') as "teamIds"
      from memberships m
      join auth."user" u on u.id = m.user_id
      left join routing_agents ra on ra.membership_id = m.id
      left join chat_agent_settings cas on cas.membership_id = m.id
     where m.workspace_id = ${ws}::uuid and m.status = 'active' and m.role in ('admin', 'agent')
       and (${team}::uuid is null or exists (
             select 1 from team_members t
              where t.workspace_id = ${ws}::uuid and t.team_id = ${team}::uuid and t.membership_id = m.id))
       and (${one}::uuid is null or m.id = ${one}::uuid)
     order by u.name, m.id`.execute(scope.db);
  return rows;
}

/** Each team's business calendar (a team's first calendar is its calendar, as in routing). */
export async function teamCalendars(scope: TenantScope): Promise<Map<string, Calendar>> {
  const rows = await scope
    .selectFrom("business_calendars")
    .select(["team_id", "timezone", "periods", "holidays"])
    .where("team_id", "is not", null)
    .orderBy("created_at")
    .execute();
  const out = new Map<string, Calendar>();
  for (const r of rows) {
    if (r.team_id && !out.has(r.team_id))
      out.set(r.team_id, { timezone: r.timezone, periods: r.periods, holidays: r.holidays });
  }
  return out;
}

export async function upsertChatCapacity(scope: TenantScope, membershipId: string, capacity: number) {
  await scope
    .insertInto("chat_agent_settings", { membership_id: membershipId, capacity, updated_at: new Date() })
    .onConflict((oc) =>
      oc.columns(["membership_id", "workspace_id"]).doUpdateSet({ capacity, updated_at: new Date() }),
    )
    .execute();
}
