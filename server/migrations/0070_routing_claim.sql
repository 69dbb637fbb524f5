-- Issue #18: routing may add at most 2 ms to case creation's p95 (bench/ROUTING.md).
--
-- Routed creation was BEGIN, the workspace's routing lock, the routing read, the insert, COMMIT:
-- five round trips where an unrouted case has one. Now the read runs on its own, without a lock,
-- and the case's single insert statement claims the choice it made: this function takes the
-- same advisory lock (so creations of one workspace still choose one at a time, and the e-mail
-- path, which keeps the lock-then-read transaction, serializes with this one) and then checks
-- that the chosen agent's load and last assignment are still what the read saw. If another
-- creation took that place or turn meanwhile, it raises RC409 and nothing is written; the caller
-- reads again and chooses anew.
--
-- Why a plpgsql function and not the lock in the insert statement itself: in READ COMMITTED a
-- statement's snapshot is taken before the lock is granted, so a plain statement that waited for
-- the lock would still see the loads from before the other creation committed. A VOLATILE
-- function takes a new snapshot for each statement it runs, so the checks below, which run after
-- the lock is granted, see every creation committed before it.
create function routing_claim(ws uuid, agent uuid, seen_open integer, seen_last timestamptz)
returns boolean language plpgsql volatile set search_path = public as $$
begin
  perform pg_advisory_xact_lock(hashtextextended('routing:' || ws::text, 0));
  if coalesce((select l.open from agent_open_loads l
                where l.workspace_id = ws and l.membership_id = agent), 0) <> seen_open
     or (select max(k.created_at) from cases k
          where k.workspace_id = ws and k.assignee_id = agent) is distinct from seen_last then
    raise exception 'the routing choice was taken by a simultaneous case' using errcode = 'RC409';
  end if;
  return true;
end $$;
