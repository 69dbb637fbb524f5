-- Issue #18: routing + SLA may add at most 2 ms to case creation's p95 (bench/ROUTING.md).
--
-- Routed creation was two round trips: a routing read without a lock, then the case's insert,
-- which claimed the choice under the workspace's routing lock (routing_claim, 0070) and failed
-- with RC409 when a simultaneous creation had taken the place or turn. Now the choice itself is
-- made inside the insert: routing_choose takes the same lock, reads the customer's and
-- organization's routing, the first matching rule and the chosen team's members with their loads
-- and last assignments, and returns the decision, which the insert uses for its assignee, team and
-- `case.routed` event. One statement, nothing to claim, nothing to retry.
--
-- Why a VOLATILE plpgsql function (as routing_claim was): in READ COMMITTED a plain statement's
-- snapshot is taken when it starts, before it waits for the lock, so it would choose from loads and
-- turns older than the creation it waited for. A VOLATILE function takes a new snapshot for every
-- statement it runs, so the reads below, which run after the lock is granted, see every creation
-- committed before it (routing/claim.test.ts proves it against a creation that commits while
-- the call waits).
--
-- The order is docs/agents-api.md's (this function is its only implementation; decide.ts is gone):
-- dedicated team (the customer's, else their organization's) -> preferred agent when available
-- (else their first team by name) -> first matching rule -> unassigned. Within a team, round robin
-- (the longest since their last new case) or least loaded (fewest open cases, then round robin),
-- among members who are not away, under their capacity, and whose team is open. Business hours
-- are luxon work in TypeScript (hours/calendar.ts): the caller passes the teams whose calendar is
-- closed now (routing/open-now.ts), from the calendars it already remembers for the SLA.
--
-- Returns the `case.routed` event's data (contracts/timeline.ts): {reason, teamId, assigneeId,
-- ruleId, detail}, or null when nothing applies (then no event is written).
create function routing_choose(
  p_ws uuid, p_customer uuid, p_channel text, p_tags text[], p_guessed_language text, p_closed uuid[]
) returns jsonb language plpgsql volatile set search_path = public as $$
declare
  v_found boolean;
  v_organization text;
  v_customer_team uuid;
  v_org_team uuid;
  v_pref uuid;
  v_pref_name text;
  v_pref_state text;
  v_pref_team uuid;
  v_rule_name text;
  v_team uuid;
  v_reason text;
  v_why text;
  v_strategy text := 'round_robin';
  v_rule uuid;
  v_team_name text;
  v_agent uuid;
  v_agent_name text;
begin
  -- Creations of one workspace choose one at a time (the e-mail and channel paths take the same
  -- lock before their case number, so the order of locks is the same everywhere).
  perform pg_advisory_xact_lock(hashtextextended('routing:' || p_ws::text, 0));

  select true, cu.organization, cr.dedicated_team_id, cr.preferred_agent_id,
         (select o.dedicated_team_id from organization_routing o
           where o.workspace_id = p_ws and o.organization = cu.organization)
    into v_found, v_organization, v_customer_team, v_pref, v_org_team
    from customers cu
    left join customer_routing cr on cr.workspace_id = p_ws and cr.customer_id = cu.id
   where cu.workspace_id = p_ws and cu.id = p_customer;
  if v_found is null then
    return null; -- no such customer: the insert writes nothing either
  end if;

  v_team := coalesce(v_customer_team, v_org_team);
  if v_team is not null then
    v_reason := 'dedicated_team';
    v_why := case when v_customer_team is not null then 'Customer''s dedicated team'
                  else 'Organization''s dedicated team' end;
  elsif v_pref is not null then
    -- Away by choice, outside the hours of every one of their teams (a team without a calendar is
    -- never closed), or full; only an active staff member can be a preferred agent.
    select u.name,
           case when coalesce(ra.status, 'available') = 'away' then 'away'
                when cardinality(t.ids) > 0 and t.ids <@ p_closed then 'outside their hours'
                when ra.capacity is not null
                     and coalesce((select l.open from agent_open_loads l
                                    where l.workspace_id = p_ws and l.membership_id = m.id), 0) >= ra.capacity
                  then 'at capacity'
                else 'available' end,
           t.ids[1]
      into v_pref_name, v_pref_state, v_pref_team
      from memberships m
      join auth."user" u on u.id = m.user_id
      left join routing_agents ra on ra.membership_id = m.id
      cross join lateral (
        select coalesce(array_agg(tm.team_id order by tt.name, tt.id), '{}') as ids
          from team_members tm join teams tt on tt.id = tm.team_id
         where tm.workspace_id = p_ws and tm.membership_id = m.id) t
     where m.workspace_id = p_ws and m.id = v_pref and m.status = 'active' and m.role <> 'customer';
    if v_pref_state = 'available' then
      return jsonb_build_object('reason', 'preferred_agent', 'teamId', null, 'assigneeId', v_pref,
                                'ruleId', null, 'detail', 'Customer''s preferred agent ' || v_pref_name);
    elsif v_pref_state is not null then
      v_why := 'Preferred agent ' || v_pref_name || ' is ' || v_pref_state;
      if v_pref_team is not null then
        v_team := v_pref_team;
        v_reason := 'preferred_team';
        v_why := v_why || '; sent to their team';
      end if;
    end if;
  end if;

  if v_team is null then
    -- The first rule whose conditions all hold (the same matching as the rules' API documents).
    select r.id, r.name, r.team_id, r.strategy
      into v_rule, v_rule_name, v_team, v_strategy
      from routing_rules r
     where r.workspace_id = p_ws
       and (r.conditions->>'channel' is null or r.conditions->>'channel' = p_channel)
       and (r.conditions->>'tag' is null or r.conditions->>'tag' = any(p_tags))
       and (r.conditions->>'organization' is null or lower(r.conditions->>'organization') = lower(v_organization))
       and (r.conditions->>'language' is null or r.conditions->>'language' = left(coalesce(
             (select lower(f.value #>> '{}') from facts f
               where f.workspace_id = p_ws and f.customer_id = p_customer
                 and f.key = 'language' and f.superseded_at is null
               order by f.recorded_at desc limit 1), p_guessed_language), 2))
       and (r.conditions->>'productModel' is null or exists (
             select 1 from devices d where d.workspace_id = p_ws and d.customer_id = p_customer
                and lower(d.model) = lower(r.conditions->>'productModel')))
     order by r.position, r.created_at
     limit 1;
    if v_rule is not null then
      v_reason := 'rule';
      v_why := 'Rule "' || v_rule_name || '"';
    elsif v_why is not null then
      -- The preferred agent is unavailable and belongs to no team, and no rule matches.
      return jsonb_build_object('reason', 'unassigned', 'teamId', null, 'assigneeId', null,
                                'ruleId', null, 'detail', v_why);
    else
      return null;
    end if;
  end if;

  -- Within the team: members free now (not away, team open, under capacity), round robin by the
  -- longest since their last new case, least loaded by open cases first; ties by id.
  select coalesce(t.name, 'a team'), a.id, a.name
    into v_team_name, v_agent, v_agent_name
    from (select 1) one
    left join teams t on t.workspace_id = p_ws and t.id = v_team
    left join lateral (
      select m.id, u.name
        from team_members tm
        join memberships m on m.id = tm.membership_id
        join auth."user" u on u.id = m.user_id
        left join routing_agents ra on ra.membership_id = m.id
        cross join lateral (
          select coalesce((select l.open from agent_open_loads l
                            where l.workspace_id = p_ws and l.membership_id = m.id), 0) as open,
                 (select max(k.created_at) from cases k
                   where k.workspace_id = p_ws and k.assignee_id = m.id) as last_at) s
       where tm.workspace_id = p_ws and tm.team_id = v_team
         and m.workspace_id = p_ws and m.status = 'active' and m.role <> 'customer'
         and coalesce(ra.status, 'available') <> 'away'
         and not (v_team = any(p_closed))
         and (ra.capacity is null or s.open < ra.capacity)
       order by case when v_strategy = 'least_loaded' then s.open end,
                coalesce(s.last_at, '-infinity'), m.id
       limit 1) a on true;

  return jsonb_build_object(
    'reason', v_reason, 'teamId', v_team, 'assigneeId', v_agent, 'ruleId', v_rule,
    'detail', v_why || ': team ' || v_team_name || case
      when v_agent is null then '; no agent of the team is available'
      else ', assigned to ' || v_agent_name || ' ('
           || case when v_strategy = 'least_loaded' then 'least loaded' else 'round robin' end || ')' end);
end $$;

-- The insert no longer claims a choice made elsewhere (routing/route.ts had the only caller).
drop function routing_claim(uuid, uuid, integer, timestamptz);
