-- Community pictures (issue #16): a member uploads a picture for a post and writes its URL
-- (/api/v1/community/uploads/<id>) in the markdown. The file is in the file store; this row says
-- whose it is and what the sniffed type was.
create table community_uploads (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  member_id uuid not null references community_members (id) on delete cascade,
  file_key text not null,
  content_type text not null,
  size integer not null,
  created_at timestamptz not null default now()
);
-- The orphaned-files collector asks "is this key an upload a post refers to" per key.
create index community_uploads_file_key_idx on community_uploads (file_key);

-- Which posts show which upload. A picture is readable exactly where one of its posts is, so
-- a picture uploaded for a post in a private category stays private.
create table community_post_uploads (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  post_id uuid not null references community_posts (id) on delete cascade,
  upload_id uuid not null references community_uploads (id) on delete cascade,
  primary key (upload_id, post_id)
);
create index community_post_uploads_post_idx on community_post_uploads (post_id);

-- Kept by the database rather than by each writer: posts are written by the core, edited by
-- authors and by moderators, and merged or split by moderation; a trigger sees them all.
-- Only the uploader's own posts claim an upload, so copying someone's picture URL into a post
-- in a public category cannot publish a picture that was posted in a private one.
create function community_post_uploads_sync() returns trigger
language plpgsql as $$
begin
  if tg_op = 'UPDATE' then
    if new.body is not distinct from old.body and new.author_member_id = old.author_member_id then
      return new;
    end if;
    delete from community_post_uploads where post_id = new.id;
  end if;
  if position('/api/v1/community/uploads/' in new.body) = 0 then
    return new;
  end if;
  insert into community_post_uploads (workspace_id, post_id, upload_id)
  select new.workspace_id, new.id, u.id
    from community_uploads u
   where u.workspace_id = new.workspace_id
     and u.member_id = new.author_member_id
     and u.id in (
       select m[1]::uuid
         from regexp_matches(
           new.body,
           '/api/v1/community/uploads/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})',
           'g') as m)
  on conflict do nothing;
  return new;
end $$;

create trigger community_post_uploads_sync
  after insert or update of body, author_member_id on community_posts
  for each row execute function community_post_uploads_sync();
