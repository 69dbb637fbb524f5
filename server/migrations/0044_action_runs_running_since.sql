-- Action runs stuck in 'running' after a crashed process are swept to 'failed' (actions/stuck-runs.ts).
-- A run can go back to 'running' on a retry long after it was created, so created_at cannot tell
-- how long it has been running: running_since is stamped whenever a run enters 'running', by a
-- trigger, so every path that claims a run (first call, approval, retry) keeps it true.
alter table action_runs add column running_since timestamptz;
update action_runs set running_since = created_at where status = 'running';

create function action_runs_stamp_running() returns trigger language plpgsql as $$
begin
  if new.status <> 'running' then
    new.running_since := null;
  elsif tg_op = 'INSERT' or old.status <> 'running' then
    new.running_since := now();
  end if;
  return new;
end $$;

create trigger action_runs_running_since
  before insert or update of status on action_runs
  for each row execute function action_runs_stamp_running();

create index action_runs_running_idx on action_runs (running_since) where status = 'running';
