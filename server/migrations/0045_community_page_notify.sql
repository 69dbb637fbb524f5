-- The public topic page answers an unchanged page from memory, without a statement (issue #16):
-- each app process remembers each topic's row and posts' version, and forgets a workspace's as
-- soon as anything the row is read from changes. These triggers announce such changes to every
-- process (NOTIFY rapport_community, the workspace's id as payload; PostgreSQL sends one notice
-- per distinct payload per transaction, after it commits). Whoever writes — the API, moderation,
-- a job, SQL by hand — is heard. A topic's view count is left out: it changes on every new reader
-- and is not on the page.
create function notify_community_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    perform pg_notify('rapport_community', old.workspace_id::text);
  else
    perform pg_notify('rapport_community', new.workspace_id::text);
  end if;
  return null;
end $$;

create trigger community_topics_notify_write after insert or delete on community_topics
  for each row execute function notify_community_change();
create trigger community_topics_notify_update after update on community_topics
  for each row when ((to_jsonb(old) - 'view_count') is distinct from (to_jsonb(new) - 'view_count'))
  execute function notify_community_change();
create trigger community_posts_notify after insert or update or delete on community_posts
  for each row execute function notify_community_change();
create trigger community_categories_notify after insert or update or delete on community_categories
  for each row execute function notify_community_change();
create trigger community_members_notify after insert or update or delete on community_members
  for each row execute function notify_community_change();
create trigger community_mvp_terms_notify after insert or update or delete on community_mvp_terms
  for each row execute function notify_community_change();
create trigger problems_notify_community after update on problems
  for each row execute function notify_community_change();
