-- The feedback portal (issue #17): ideas (feature requests and complaints) on boards, votes,
-- comments, honest status answers, merges of duplicates, the cases and customers behind each
-- idea, and the notifications that tell subscribers what happened.
--
-- Requesters are counted once per customer per idea whether they voted, raised it on a case, or
-- both (feedback_requesters), so merges and links never double-count. The counts on
-- feedback_ideas are kept in step in the same transaction as the rows they count: the board
-- page sorts 10,000 ideas by them without touching a million votes.

create table feedback_settings (
  workspace_id uuid primary key references workspaces (id) on delete cascade,
  -- Display names of the fixed statuses ({"planned":"Next up"}); the meaning of each key is fixed.
  status_labels jsonb not null default '{}',
  -- Weights of the prioritisation score ({"requesters":1,"value":..,"repeats":..,"churned":..,"recencyDays":..}).
  score_weights jsonb not null default '{}',
  -- The numeric customer fact that says what a customer is worth (e.g. "mrr", "seats").
  value_fact_key text,
  -- Off by default; when on, anonymous votes are rate-limited and one per visitor per idea.
  anonymous_voting boolean not null default false,
  updated_at timestamptz not null default now()
);

create table feedback_boards (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  name text not null,
  slug text not null,
  description text not null default '',
  -- public: everyone; customers: signed-in customers; staff: staff only (a private board).
  visibility text not null default 'public' check (visibility in ('public', 'customers', 'staff')),
  position integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, slug)
);

create table feedback_ideas (
  id uuid primary key default gen_random_uuid(),
  -- The short number in public URLs (/feedback/ideas/<number>-<slug>).
  number bigint generated always as identity unique,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  board_id uuid not null references feedback_boards (id) on delete restrict,
  title text not null,
  slug text not null,
  description text not null default '',
  tags text[] not null default '{}',
  status text not null default 'open'
    check (status in ('open', 'under_review', 'planned', 'in_progress', 'done', 'declined', 'duplicate')),
  -- The public explanation of the current status; required (>= 30 characters) for declined.
  status_explanation text,
  status_changed_at timestamptz,
  -- The author: a customer, or a staff member posting in their own name.
  author_customer_id uuid references customers (id) on delete set null,
  author_user_id text,
  -- Staff who created the idea for a customer (from a case), when not the author.
  created_by_user_id text,
  -- Set with status 'duplicate'; always the final original (chains are collapsed on merge).
  merged_into_id uuid references feedback_ideas (id) on delete set null,
  -- Kept in step with the rows they count, in the same transaction.
  vote_count integer not null default 0,
  requester_count integer not null default 0,
  case_count integer not null default 0,
  comment_count integer not null default 0,
  done_at timestamptz,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  search tsvector generated always as (
    setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', description), 'B')
  ) stored,
  check (status <> 'declined' or length(coalesce(status_explanation, '')) >= 30),
  check ((status = 'duplicate') = (merged_into_id is not null))
);
create index feedback_ideas_board_votes_idx on feedback_ideas (board_id, vote_count desc, id) where deleted_at is null and merged_into_id is null;
create index feedback_ideas_board_recent_idx on feedback_ideas (board_id, created_at desc, id) where deleted_at is null and merged_into_id is null;
create index feedback_ideas_ws_status_idx on feedback_ideas (workspace_id, status, status_changed_at desc);
create index feedback_ideas_ws_recent_idx on feedback_ideas (workspace_id, created_at desc);
create index feedback_ideas_search_idx on feedback_ideas using gin (search);
create index feedback_ideas_tags_idx on feedback_ideas using gin (tags);
create index feedback_ideas_merged_idx on feedback_ideas (merged_into_id) where merged_into_id is not null;

-- One vote per customer per idea (or, when anonymous voting is on, per visitor hash).
create table feedback_votes (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  idea_id uuid not null references feedback_ideas (id) on delete cascade,
  customer_id uuid references customers (id) on delete cascade,
  visitor_hash text,
  -- Staff who voted on the customer's behalf (recorded as such), else null.
  cast_by_user_id text,
  created_at timestamptz not null default now(),
  check (customer_id is not null or visitor_hash is not null),
  unique (idea_id, customer_id),
  unique (idea_id, visitor_hash)
);
create index feedback_votes_customer_idx on feedback_votes (customer_id, idea_id);

-- Every customer who asked for an idea, by vote or by case, once.
create table feedback_requesters (
  idea_id uuid not null references feedback_ideas (id) on delete cascade,
  customer_id uuid not null references customers (id) on delete cascade,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  by_vote boolean not null default false,
  by_case boolean not null default false,
  first_at timestamptz not null default now(),
  primary key (idea_id, customer_id)
);
create index feedback_requesters_customer_idx on feedback_requesters (customer_id);

-- A case that raised an idea: its customer counts as a requester, the case is the evidence,
-- and no public vote is made.
create table feedback_idea_cases (
  idea_id uuid not null references feedback_ideas (id) on delete cascade,
  case_id uuid not null references cases (id) on delete cascade,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  customer_id uuid not null references customers (id) on delete cascade,
  linked_by_user_id text,
  -- Set when the customer was told on the case's thread that the idea is done.
  done_notified_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (idea_id, case_id)
);
create index feedback_idea_cases_case_idx on feedback_idea_cases (case_id);
create index feedback_idea_cases_ws_idx on feedback_idea_cases (workspace_id, created_at);

create table feedback_comments (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  idea_id uuid not null references feedback_ideas (id) on delete cascade,
  author_customer_id uuid references customers (id) on delete set null,
  author_user_id text,
  body text not null,
  -- A staff comment marked as the company's official answer.
  official boolean not null default false,
  created_at timestamptz not null default now(),
  edited_at timestamptz,
  deleted_at timestamptz
);
create index feedback_comments_idea_idx on feedback_comments (idea_id, created_at);

-- Authors, voters and commenters are subscribed automatically; unsubscribing keeps the row
-- (unsubscribed_at) so a later vote does not silently subscribe them again.
create table feedback_subscriptions (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  idea_id uuid not null references feedback_ideas (id) on delete cascade,
  customer_id uuid references customers (id) on delete cascade,
  user_id text,
  reason text not null check (reason in ('author', 'voter', 'commenter', 'case', 'manual', 'merged')),
  unsubscribed_at timestamptz,
  created_at timestamptz not null default now(),
  check ((customer_id is null) <> (user_id is null)),
  unique (idea_id, customer_id),
  unique (idea_id, user_id)
);

-- Every status change, with its explanation and who made it: the idea's public history.
create table feedback_status_changes (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  idea_id uuid not null references feedback_ideas (id) on delete cascade,
  from_status text not null,
  to_status text not null,
  explanation text,
  by_user_id text,
  created_at timestamptz not null default now()
);
create index feedback_status_changes_idea_idx on feedback_status_changes (idea_id, id);

-- What subscribers are to be told. A sweep sends at most one email per subscriber per idea per
-- day, folding every pending notice of that idea into it.
create table feedback_notices (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  idea_id uuid not null references feedback_ideas (id) on delete cascade,
  subscription_id uuid not null references feedback_subscriptions (id) on delete cascade,
  kind text not null check (kind in ('status', 'merged', 'comment')),
  data jsonb not null default '{}',
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index feedback_notices_pending_idx on feedback_notices (workspace_id, subscription_id, created_at) where sent_at is null;

-- Embeddings of ideas for similar-idea and merge suggestions (platform/text findSimilar).
create table feedback_idea_vectors (
  idea_id uuid primary key references feedback_ideas (id) on delete cascade,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  vector bytea not null,
  model_id text not null,
  source_hash text not null,
  computed_at timestamptz not null default now()
);
create index feedback_idea_vectors_ws_idx on feedback_idea_vectors (workspace_id);
