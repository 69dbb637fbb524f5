-- Related cases (issue #19, "an explicit link" makes a repeat contact): an undirected link
-- between two cases of one workspace, stored once with the smaller id first, so the pair is
-- unique whichever way round it was made and a case cannot be linked to itself.
create table case_links (
  workspace_id uuid not null references workspaces(id) on delete cascade,
  case_a uuid not null references cases(id) on delete cascade,
  case_b uuid not null references cases(id) on delete cascade,
  created_by uuid references memberships(id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (case_a, case_b),
  check (case_a < case_b)
);
-- Links of a case are read by either side.
create index case_links_b_idx on case_links (case_b);

-- Both cases belong to the link's workspace, whatever path wrote it (the API checks through
-- its tenant scope first; this keeps a mistake from ever joining two workspaces).
create function case_links_same_workspace() returns trigger language plpgsql as $$
begin
  if (select count(*) from cases
       where id in (new.case_a, new.case_b) and workspace_id = new.workspace_id) <> 2 then
    raise exception 'case_links: both cases must belong to workspace %', new.workspace_id
      using errcode = 'foreign_key_violation';
  end if;
  return new;
end $$;
create trigger case_links_same_workspace before insert or update on case_links
  for each row execute function case_links_same_workspace();
