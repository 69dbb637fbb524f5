-- Performance at scale (issue 6): indexes that serve each inbox view and search kind,
-- lock-free case numbers, and change notices that let app processes cache actors safely.

-- Inbox views list unsolved cases only (a small share of all cases): partial indexes keep
-- every view (all, mine, unassigned, team) an index range scan in last-activity order at any
-- page depth, instead of skipping over solved and closed cases.
create index cases_open_activity_idx on cases (workspace_id, last_activity_at desc, id desc)
  where status in ('new', 'open', 'pending', 'on_hold');
create index cases_open_assignee_idx on cases (workspace_id, assignee_id, last_activity_at desc, id desc)
  where status in ('new', 'open', 'pending', 'on_hold');
create index cases_open_team_idx on cases (workspace_id, team_id, last_activity_at desc, id desc)
  where status in ('new', 'open', 'pending', 'on_hold');

-- Search: organization fragments get a trigram index like names and identity values have.
create index customers_organization_trgm_idx on customers
  using gin (lower(coalesce(organization, '')) gin_trgm_ops);

-- Message text search reads a stored tsvector (computed once on write) rather than
-- re-parsing every body it checks.
alter table messages add column body_tsv tsvector generated always as (to_tsvector('simple', body)) stored;
create index messages_body_tsv_idx on messages using gin (body_tsv);
drop index messages_body_fts_idx;
-- Fresh statistics for the new column and expression indexes, so plans see how common a word is.
analyze messages;
analyze customers;

-- Case numbers: one sequence per workspace instead of a counter row locked until commit,
-- so case creations no longer queue behind each other. A sequence never goes back: a
-- creation that rolls back leaves a gap. Numbers stay unique per workspace (the unique
-- constraint on cases (workspace_id, number) still holds them to it).
-- Each workspace's sequence is made with the workspace (trigger below), so it exists before
-- any case can be created in it; a workspace's own existing numbers (case_numbers holds the
-- last one handed out before this migration) are where it starts.
create function case_number_sequence(ws uuid) returns text
language sql immutable as $$ select 'case_number_' || replace(ws::text, '-', '') $$;

create function create_case_number_sequence(ws uuid) returns void
language plpgsql set search_path = public as $$
declare
  start bigint := greatest(
    coalesce((select last_number from case_numbers where workspace_id = ws), 0),
    coalesce((select max(number) from cases where workspace_id = ws), 0)
  ) + 1;
begin
  execute format('create sequence if not exists %I start with %s', case_number_sequence(ws), start);
end $$;

create function workspace_case_numbers() returns trigger
language plpgsql set search_path = public as $$
begin
  if tg_op = 'INSERT' then
    perform create_case_number_sequence(new.id);
  else
    execute format('drop sequence if exists %I', case_number_sequence(old.id));
  end if;
  return null;
end $$;
create trigger workspaces_case_numbers after insert or delete on workspaces
  for each row execute function workspace_case_numbers();
select create_case_number_sequence(id) from workspaces;

create function next_case_number(ws uuid) returns bigint
language sql set search_path = public as $$ select nextval(case_number_sequence(ws)::regclass) $$;

-- Auth changes are announced so every app process drops its cached actors at once
-- (see platform/auth/actor-cache.ts). Statement-level: one notice per change, not per row.
create function notify_auth_change() returns trigger
language plpgsql as $$
begin
  perform pg_notify('rapport_auth', tg_table_name);
  return null;
end $$;
create trigger api_tokens_auth_change after update of revoked_at, user_id, workspace_id or delete
  on api_tokens for each statement execute function notify_auth_change();
create trigger memberships_auth_change after insert or update or delete
  on memberships for each statement execute function notify_auth_change();
create trigger workspaces_auth_change after update or delete
  on workspaces for each statement execute function notify_auth_change();
create trigger users_auth_change after update of name, email or delete
  on auth."user" for each statement execute function notify_auth_change();
