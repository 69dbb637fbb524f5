-- Issue #23, "a second fence for tenancy": PostgreSQL row-level security behind TenantScope.
--
-- Every table with a workspace_id column gets row-level security and one policy, tenant_fence:
-- a row is visible (and may be written) only when its workspace_id equals the setting
-- rapport.workspace_id, which TenantScope's queries set on their connection
-- (platform/db/fence.ts). An empty or missing setting matches nothing.
--
-- The setting is read in a sub-select, so PostgreSQL evaluates it once per statement (an
-- InitPlan) and compares workspace_id with a constant: the (workspace_id, ...) indexes still
-- apply. The comparison uses the column's own type, so no cast hides the index either.
--
-- RLS is enabled but not FORCEd: the table owner (the role that runs migrations, jobs and the
-- CLI: the "system" connection) keeps seeing every workspace, as it must for the places that
-- legitimately work across them. The fence is the role rapport_app, which owns nothing and which
-- scoped queries switch to (platform/db/fence-setup.ts creates it and grants it DML).
--
-- The policies are applied by a function rather than listed here, and platform/db/migrate.ts
-- calls it at the end of every migration run: tables that later migrations add (0071-0076 were
-- written in parallel with this one) are fenced without anyone remembering to.
create or replace function rapport_fence_tenant_tables() returns integer
language plpgsql set search_path = public as $$
declare
  t record;
  fenced integer := 0;
begin
  for t in
    select c.relname, format_type(a.atttypid, a.atttypmod) as id_type
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'workspace_id' and not a.attisdropped
     where n.nspname = 'public'
       and c.relkind in ('r', 'p')
       and not exists (
         select 1 from pg_policy p where p.polrelid = c.oid and p.polname = 'tenant_fence'
       )
  loop
    execute format('alter table public.%I enable row level security', t.relname);
    execute format(
      'create policy tenant_fence on public.%I '
      'using (workspace_id = (select nullif(current_setting(''rapport.workspace_id'', true), '''')::%s)) '
      'with check (workspace_id = (select nullif(current_setting(''rapport.workspace_id'', true), '''')::%s))',
      t.relname, t.id_type, t.id_type
    );
    fenced := fenced + 1;
  end loop;
  return fenced;
end;
$$;

select rapport_fence_tenant_tables();
