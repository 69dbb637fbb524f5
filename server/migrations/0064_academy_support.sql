-- The academy tied to support (issue #21, modules/academy/support): lessons agents suggested in
-- replies, and lessons recommended by a playbook outcome or a help article.

-- A lesson suggested in a reply. Recorded when the composer reports the sent reply (the
-- message must be a reply of that case that carries the lesson's link). `completed_at` is set
-- once, by the completion listener, so the case hears of a completion exactly once.
create table academy_lesson_suggestions (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  case_id uuid not null references cases (id) on delete cascade,
  customer_id uuid not null references customers (id) on delete cascade,
  lesson_id uuid not null references academy_lessons (id) on delete cascade,
  message_id uuid not null references messages (id) on delete cascade,
  suggested_by uuid references memberships (id) on delete set null,
  suggested_by_name text not null,
  suggested_at timestamptz not null default now(),
  completed_at timestamptz,
  unique (message_id, lesson_id)
);
create index academy_lesson_suggestions_customer_idx
  on academy_lesson_suggestions (workspace_id, customer_id, lesson_id);
create index academy_lesson_suggestions_case_idx on academy_lesson_suggestions (case_id);

-- A lesson recommended by a help article (target_id = the article, step_id '') or by an outcome
-- step of a playbook (target_id = the playbook, step_id = the outcome step's id). One each.
create table academy_lesson_recommendations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  target_kind text not null check (target_kind in ('article', 'playbook_outcome')),
  target_id uuid not null,
  step_id text not null default '' check (length(step_id) <= 200),
  lesson_id uuid not null references academy_lessons (id) on delete cascade,
  set_by uuid references memberships (id) on delete set null,
  set_at timestamptz not null default now(),
  unique (workspace_id, target_kind, target_id, step_id)
);
