-- The Zendesk writers (issue #24): what they keep besides Rapport's own rows, and silence.

-- Zendesk's ticket, user and organization field definitions. They are not Rapport rows, but a
-- ticket's custom_fields name fields by id only, so the writers keep each definition (its key,
-- title, type and options) to store a ticket's values under their titles and a user's under
-- their keys. Full lists, re-read and upserted on every run.
create table import_field_defs (
  workspace_id uuid not null references workspaces(id) on delete cascade,
  source text not null,
  -- ticket_field | user_field | organization_field
  kind text not null check (kind in ('ticket_field', 'user_field', 'organization_field')),
  external_id text not null check (length(external_id) between 1 and 200),
  key text,
  title text not null,
  type text not null,
  active boolean not null,
  options jsonb not null default '[]',
  primary key (workspace_id, source, kind, external_id)
);

-- Zendesk organizations: Rapport has no organization rows (customers.organization is the
-- name), so the name is kept here for the users writer, with the organization fields as they
-- came (not spread into members' facts: an organization's data is not a person's).
create table import_organizations (
  workspace_id uuid not null references workspaces(id) on delete cascade,
  source text not null,
  external_id text not null check (length(external_id) between 1 and 200),
  name text not null,
  data jsonb not null default '{}',
  primary key (workspace_id, source, external_id)
);

-- Zendesk agents and admins: invited (silently; an admin resends the invitation to send it),
-- so they are no membership yet. Kept with their name so comments and assignees can say who
-- wrote or held them; membership_id is set when the address was already staff here.
create table import_agents (
  workspace_id uuid not null references workspaces(id) on delete cascade,
  source text not null,
  external_id text not null check (length(external_id) between 1 and 200),
  name text not null,
  email text,
  role text not null,
  membership_id uuid references memberships(id) on delete set null,
  invitation_id uuid references invitations(id) on delete set null,
  primary key (workspace_id, source, external_id)
);

-- What an imported case keeps that Rapport has no column for: type, custom fields by title,
-- satisfaction rating, the Zendesk assignee's name (a Zendesk agent is an invitation until they
-- accept, and cases.assignee_id names memberships), external id, due date, problem link.
alter table cases add column import_data jsonb;

-- Silence. Writers insert rows directly, without services or events; what remains are the
-- triggers that queue work. Inside an import transaction (`set local rapport.import = 'on'`)
-- they do nothing: no survey planned, no repeat or risk work, no abuse assessment. The
-- per-row report marks are replaced by one set-based mark per page (the writers insert the
-- page's case ids into report_dirty_cases), so imported history still shows in reports.
-- A WHEN clause, not a test inside the functions: the function is then not even called,
-- which is what keeps a 1000-row insert cheap.
-- The triggers that keep data right stay: case numbers come from the sequence, and the
-- statement-level agent_open_loads counters cost one grouped statement per insert.
create function rapport_importing() returns boolean language sql stable as $$
  select coalesce(current_setting('rapport.import', true), '') = 'on'
$$;

drop trigger surveys_plan_on_status on cases;
create trigger surveys_plan_on_status after update of status on cases
  for each row when (old.status is distinct from new.status and not rapport_importing())
  execute function surveys_plan_on_status();

drop trigger repeat_queue_case on cases;
create trigger repeat_queue_case after insert or update of status, sla_breached_at on cases
  for each row when (not rapport_importing()) execute function repeat_queue_case();

drop trigger repeat_queue_message on messages;
create trigger repeat_queue_message after insert on messages
  for each row when (new.kind = 'customer' and not rapport_importing()) execute function repeat_queue_message();

drop trigger assessment_queue_message on messages;
create trigger assessment_queue_message after insert on messages
  for each row when (not rapport_importing()) execute function assessment_queue_message();

drop trigger report_dirty_cases_ins on cases;
create trigger report_dirty_cases_ins after insert on cases
  for each row when (not rapport_importing()) execute function report_dirty_from_case();

drop trigger report_dirty_cases_upd on cases;
create trigger report_dirty_cases_upd after update of status, team_id, assignee_id, channel, tags, created_at, customer_id, merged_into_case_id on cases
  for each row when (not rapport_importing()) execute function report_dirty_from_case();

drop trigger report_dirty_messages on messages;
create trigger report_dirty_messages after insert or delete or update of created_at, kind on messages
  for each row when (not rapport_importing()) execute function report_dirty_from_child();
