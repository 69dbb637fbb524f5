-- The official posts a topic got because its linked problem changed (issue #16): one per topic,
-- problem and kind, so a workaround republished or a problem marked fixed twice never posts
-- the news twice, however often the problem's publisher is called.
create table community_problem_notices (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  topic_id uuid not null references community_topics (id) on delete cascade,
  problem_id uuid not null references problems (id) on delete cascade,
  kind text not null check (kind in ('workaround', 'fixed')),
  post_id uuid references community_posts (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (topic_id, problem_id, kind)
);
