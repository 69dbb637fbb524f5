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

-- A post's body rendered (markdown → sanitised HTML with @mentions as links) when it is written,
-- so a topic page of hundreds of posts is served without rendering each one on every read. A
-- change of body that does not also write body_html (any code path, now or later) clears it,
-- and readers render such posts as before: stored HTML can be missing, never stale.
alter table community_posts add column body_html text;

create function community_posts_clear_stale_html() returns trigger language plpgsql as $$
begin
  if new.body is distinct from old.body and new.body_html is not distinct from old.body_html then
    new.body_html := null;
  end if;
  return new;
end $$;

create trigger community_posts_body_html before update of body on community_posts
  for each row execute function community_posts_clear_stale_html();
