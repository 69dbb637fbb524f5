-- Each agent's number of open cases, kept by triggers on `cases` (issue #18, bench/ROUTING.md).
-- Routing reads the load of every candidate on every case creation (least loaded, capacities).
-- Counting them was most of routing's cost: ~0.35 ms per agent for 500 open cases, 3.5 ms for
-- a team of ten, inside the creating transaction under the workspace's routing lock. A counter
-- is one index probe per agent. Triggers, not service code, keep it, because cases change
-- assignee and status in many places (patches, bulk, email reopen, merge, imports, demo, benches)
-- and a counter that one path forgets is worse than none.
-- "Open" is contracts/cases.ts OPEN_STATUSES; keep the lists below in step with it.
create table agent_open_loads (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  membership_id uuid not null references memberships (id) on delete cascade,
  open integer not null default 0,
  primary key (workspace_id, membership_id)
);

insert into agent_open_loads (workspace_id, membership_id, open)
select workspace_id, assignee_id, count(*)
  from cases
 where assignee_id is not null and status in ('new', 'open', 'pending', 'on_hold')
 group by 1, 2;

-- Inserts and deletes are counted per statement (one grouped upsert, so a bulk insert of
-- millions of cases costs one pass, not a trigger call per row).
create function agent_open_loads_added() returns trigger language plpgsql as $$
begin
  insert into agent_open_loads as l (workspace_id, membership_id, open)
  select workspace_id, assignee_id, count(*)
    from added
   where assignee_id is not null and status in ('new', 'open', 'pending', 'on_hold')
   group by 1, 2
   order by 1, 2
  on conflict (workspace_id, membership_id) do update set open = l.open + excluded.open;
  return null;
end $$;

create function agent_open_loads_removed() returns trigger language plpgsql as $$
begin
  update agent_open_loads l set open = l.open - r.n
    from (select workspace_id, assignee_id, count(*)::int as n
            from removed
           where assignee_id is not null and status in ('new', 'open', 'pending', 'on_hold')
           group by 1, 2) r
   where l.workspace_id = r.workspace_id and l.membership_id = r.assignee_id;
  return null;
end $$;

-- Updates are counted per row, and only when the assignee or the status changes: most updates
-- of a case (its last activity, SLA dues, tags) never call the function at all.
create function agent_open_loads_changed() returns trigger language plpgsql as $$
declare
  was_open boolean := old.assignee_id is not null and old.status in ('new', 'open', 'pending', 'on_hold');
  is_open boolean := new.assignee_id is not null and new.status in ('new', 'open', 'pending', 'on_hold');
begin
  if was_open and is_open and old.assignee_id = new.assignee_id then
    return null;
  end if;
  if was_open then
    update agent_open_loads set open = open - 1
     where workspace_id = old.workspace_id and membership_id = old.assignee_id;
  end if;
  if is_open then
    insert into agent_open_loads as l (workspace_id, membership_id, open)
    values (new.workspace_id, new.assignee_id, 1)
    on conflict (workspace_id, membership_id) do update set open = l.open + 1;
  end if;
  return null;
end $$;

create trigger cases_open_loads_added after insert on cases
  referencing new table as added for each statement execute function agent_open_loads_added();
create trigger cases_open_loads_removed after delete on cases
  referencing old table as removed for each statement execute function agent_open_loads_removed();
create trigger cases_open_loads_changed after update of assignee_id, status on cases
  for each row when (old.assignee_id is distinct from new.assignee_id or old.status is distinct from new.status)
  execute function agent_open_loads_changed();
