-- Merge and split of cases (issue 13, item 12).
-- A merged case stays as a closed tombstone pointing at the case it was merged into, so its
-- page, its email thread (reply token, [#n] subjects) and links still lead somewhere.
alter table cases add column merged_into_case_id uuid references cases (id);
create index cases_merged_into_idx on cases (merged_into_case_id) where merged_into_case_id is not null;

-- What a merge or a split moved, exactly, so it can be undone within a short window:
-- `data` lists the cases, messages and timeline events moved and the fields changed, with
-- their values before. `case_id` is the case the command was addressed to (the survivor of a
-- merge, the original of a split), which is where the undo is asked for.
create table case_moves (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  kind text not null check (kind in ('merge', 'split')),
  case_id uuid not null references cases (id) on delete cascade,
  data jsonb not null,
  actor_user_id text,
  created_at timestamptz not null default now(),
  undone_at timestamptz
);
create index case_moves_case_idx on case_moves (workspace_id, case_id, kind, created_at desc);
