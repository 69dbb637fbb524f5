-- Idempotency-Key on POST /api/v1/cases: a create whose answer was lost after commit and is
-- sent again must find the first case, not store a second. One row per actor and key; a key is
-- remembered for 24 hours (older rows are ignored, and pruned as new keys arrive).
create table case_create_keys (
  workspace_id uuid not null references workspaces(id) on delete cascade,
  membership_id uuid not null,
  key text not null check (length(key) between 8 and 200),
  -- sha256 of the request's body: the same key with another body is refused, never replayed.
  -- Only the hash, so no customer text is kept here (erasure has nothing to find).
  request_hash text not null,
  -- Null while the first request is still creating its case.
  case_id uuid,
  created_at timestamptz not null default now(),
  primary key (membership_id, key, workspace_id),
  foreign key (workspace_id, membership_id) references memberships(workspace_id, id) on delete cascade,
  foreign key (workspace_id, case_id) references cases(workspace_id, id) on delete cascade
);
create index case_create_keys_created_idx on case_create_keys (workspace_id, created_at);
