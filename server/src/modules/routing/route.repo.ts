import { sql } from "kysely";
import type { Executor } from "../../platform/db/tenant.ts";
import type { Calendar } from "../hours/calendar.ts";

export type Candidate = {
  teamId: string | null;
  id: string;
  name: string;
  status: "available" | "away";
  capacity: number | null;
  open: number;
  /** When the agent was last given a new case (round robin goes to the longest-waiting). */
  lastAt: string | null;
  teamIds: string[];
};

export type RoutingContext = {
  customerTeamId: string | null;
  organizationTeamId: string | null;
  preferred: Candidate | null;
  rule: { id: string; name: string; teamId: string; strategy: "round_robin" | "least_loaded" } | null;
  members: Candidate[];
  calendars: Array<Calendar & { teamId: string }>;
  teams: Array<{ id: string; name: string }>;
};

/**
 * Everything routing needs about a new case, in ONE statement (case creation is bounded by
 * round trips; see bench/ROUTING.md): the customer's preferred agent and dedicated team, their
 * organization's team, the first matching rule (conditions are matched here, in SQL), and the
 * members, loads and calendars of only the teams those name. The choice itself is made in
 * decide.ts, because business hours are computed in TypeScript (hours/calendar.ts).
 */
export async function loadRoutingContext(
  db: Executor,
  workspaceId: string,
  c: { customerId: string; channel: string; tags: string[]; guessedLanguage: string | null },
): Promise<RoutingContext> {
  const ws = workspaceId;
  const { rows } = await sql<RoutingContext>`
    with cu as (
      select id, organization from customers
       where workspace_id = ${ws}::uuid and id = ${c.customerId}::uuid),
    cr as (
      select preferred_agent_id, dedicated_team_id from customer_routing
       where workspace_id = ${ws}::uuid and customer_id = ${c.customerId}::uuid),
    ot as (
      select o.dedicated_team_id from organization_routing o join cu on o.organization = cu.organization
       where o.workspace_id = ${ws}::uuid),
    lang as (
      select coalesce((select lower(f.value #>> '{}') from facts f
                        where f.workspace_id = ${ws}::uuid and f.customer_id = ${c.customerId}::uuid
                          and f.key = 'language' and f.superseded_at is null
                        order by f.recorded_at desc limit 1), ${c.guessedLanguage}::text) as code),
    rule as (
      select r.id, r.name, r.team_id as "teamId", r.strategy from routing_rules r, cu, lang
       where r.workspace_id = ${ws}::uuid
         and (r.conditions->>'channel' is null or r.conditions->>'channel' = ${c.channel}::text)
         and (r.conditions->>'tag' is null or r.conditions->>'tag' = any(${c.tags}::text[]))
         and (r.conditions->>'organization' is null or lower(r.conditions->>'organization') = lower(cu.organization))
         and (r.conditions->>'language' is null or r.conditions->>'language' = left(lang.code, 2))
         and (r.conditions->>'productModel' is null or exists (
               select 1 from devices d where d.workspace_id = ${ws}::uuid and d.customer_id = cu.id
                  and lower(d.model) = lower(r.conditions->>'productModel')))
       order by r.position, r.created_at
       limit 1),
    pref as (
      select m.id from memberships m join cr on m.id = cr.preferred_agent_id
       where m.workspace_id = ${ws}::uuid and m.status = 'active' and m.role <> 'customer'),
    pteam as (
      select tm.team_id from team_members tm join teams t on t.id = tm.team_id
       where tm.workspace_id = ${ws}::uuid and tm.membership_id in (select id from pref)
       order by t.name, t.id limit 1),
    needed as (
      select dedicated_team_id as id from cr where dedicated_team_id is not null
      union select dedicated_team_id from ot
      union select team_id from pteam
      union select "teamId" from rule),
    -- Only the people routing may choose: the preferred agent and the members of those teams.
    agents as (
      select m.id, u.name, coalesce(ra.status, 'available') as status, ra.capacity,
             -- Kept by triggers on cases (migration 0051): one probe, not a count of open cases.
             coalesce((select l.open from agent_open_loads l
                        where l.workspace_id = ${ws}::uuid and l.membership_id = m.id), 0) as open,
             (select max(k.created_at) from cases k
               where k.workspace_id = ${ws}::uuid and k.assignee_id = m.id) as "lastAt",
             coalesce((select array_agg(tm.team_id order by t.name, t.id) from team_members tm
                         join teams t on t.id = tm.team_id
                        where tm.workspace_id = ${ws}::uuid and tm.membership_id = m.id), '{}') as "teamIds"
        from memberships m
        join auth."user" u on u.id = m.user_id
        left join routing_agents ra on ra.membership_id = m.id
       where m.workspace_id = ${ws}::uuid and m.status = 'active' and m.role <> 'customer'
         and m.id in (select id from pref
                      union select membership_id from team_members
                       where workspace_id = ${ws}::uuid and team_id in (select id from needed))),
    pa as (select a.*, null::uuid as "teamId" from agents a join pref on a.id = pref.id),
    members as (
      select tm.team_id as "teamId", a.* from team_members tm
        join needed n on n.id = tm.team_id
        join agents a on a.id = tm.membership_id
       where tm.workspace_id = ${ws}::uuid)
    select (select dedicated_team_id from cr) as "customerTeamId",
           (select dedicated_team_id from ot) as "organizationTeamId",
           (select row_to_json(pa) from pa) as preferred,
           (select row_to_json(rule) from rule) as rule,
           coalesce((select json_agg(members) from members), '[]') as members,
           coalesce((select json_agg(json_build_object('teamId', b.team_id, 'timezone', b.timezone,
                      'periods', b.periods, 'holidays', b.holidays))
                       from business_calendars b
                      where b.workspace_id = ${ws}::uuid
                        and b.team_id in (select id from needed union select unnest("teamIds") from pa)), '[]') as calendars,
           coalesce((select json_agg(json_build_object('id', t.id, 'name', t.name))
                       from teams t where t.workspace_id = ${ws}::uuid and t.id in (select id from needed)), '[]') as teams`.execute(
    db,
  );
  return rows[0] as RoutingContext;
}
