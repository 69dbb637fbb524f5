-- Imports (issue #24's leftovers): imported agents become assignees, and a scheduled delta sync.

-- 1. Assignees. cases.assignee_id names a membership, and an imported Zendesk agent is only an
-- invitation until they accept (no login, no membership: nothing a case could point at that
-- inbox views, routing or capacities would understand). So an imported case keeps its Zendesk
-- assignee's id in import_data until that person becomes staff, and then is theirs: when a
-- staff membership is made for an address an import_agents row holds, that row is linked and
-- the account's still-unassigned cases whose Zendesk assignee it was are assigned to them.
-- A trigger on memberships, not a call in the invitation service, so every way of becoming
-- staff (the imported invitation, a fresh one, single sign-on) counts. Cases someone took in
-- Rapport meanwhile keep their assignee. The open-load counters follow through their own
-- trigger; no notification is sent (history, not new work).
create index import_agents_unlinked_email_idx on import_agents (workspace_id, lower(email))
  where membership_id is null and email is not null;

create function import_agents_link_member() returns trigger language plpgsql as $$
declare
  mail text;
begin
  select lower(u.email) into mail from auth."user" u where u.id = new.user_id;
  if mail is null then return null; end if;
  with linked as (
    update import_agents a set membership_id = new.id
     where a.workspace_id = new.workspace_id and a.membership_id is null and lower(a.email) = mail
    returning a.source, a.external_id),
  ids as (
    update import_ids i set local_id = new.id
      from linked l
     where i.workspace_id = new.workspace_id and i.source = l.source and i.kind = 'agent'
       and i.external_id = l.external_id)
  update cases c set assignee_id = new.id
    from linked l
   where c.workspace_id = new.workspace_id and c.import_source = 'zendesk' and c.assignee_id is null
     and c.import_data->>'assigneeId' = l.external_id
     and exists (select 1 from import_ids t
                  where t.workspace_id = new.workspace_id and t.source = l.source and t.kind = 'ticket'
                    and t.external_id = c.import_number and t.local_id = c.id);
  return null;
end $$;

create trigger import_agents_link_member after insert on memberships
  for each row when (new.role <> 'customer') execute function import_agents_link_member();

-- 2. Scheduled delta sync for the cut-over. A run's credentials are dropped when it ends, so
-- keeping an account in sync is its own row: the admin gives the email and token once more,
-- they are sealed here (platform/sealed-columns.ts lists the column for `secrets rotate`), and
-- the minute's sweep (import.sync) queues a delta run of the account whenever next_at has
-- passed, until the admin turns it off (the row, and so the credentials, are deleted).
create table import_syncs (
  workspace_id uuid not null references workspaces(id) on delete cascade,
  source text not null check (length(source) between 1 and 300),
  base_url text not null check (length(base_url) between 1 and 500),
  every_minutes integer not null check (every_minutes between 5 and 1440),
  credentials_sealed text not null,
  next_at timestamptz not null,
  -- The last run the sync queued (the progress view shows its time and outcome).
  last_run_id uuid references import_runs(id) on delete set null,
  last_run_at timestamptz,
  enabled_by uuid references memberships(id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (workspace_id, source)
);
-- The sweep reads the due syncs of every workspace.
create index import_syncs_due_idx on import_syncs (next_at);
