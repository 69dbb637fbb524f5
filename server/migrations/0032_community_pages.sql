-- The public topic page's "unchanged" check (issue #16). Every write to a post (a new post, a
-- vote's new score, an accept, a hide, an edit, a move by a merge) gives the row a new `rev`
-- from a sequence, in the row itself: no other row is locked, whoever writes (the core,
-- moderation, SQL by hand). A topic's posts are unchanged while their count and sum(rev) are,
-- so the page can be served from its last render after one small aggregate instead of loading,
-- serialising and rendering every post.
create sequence community_post_rev;
alter table community_posts add column rev bigint not null default nextval('community_post_rev');

create function community_posts_bump_rev() returns trigger language plpgsql as $$
begin
  new.rev := nextval('community_post_rev');
  return new;
end $$;

create trigger community_posts_rev before update on community_posts
  for each row execute function community_posts_bump_rev();

-- Topic page views (the topic's view_count): one per visitor per topic per day, the visitor
-- being the hash of the first-party cookie the help center also uses (never the cookie itself).
create table community_topic_views (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  topic_id uuid not null references community_topics (id) on delete cascade,
  session text not null,
  day date not null,
  primary key (topic_id, session, day)
);
create index community_topic_views_ws_idx on community_topic_views (workspace_id);
