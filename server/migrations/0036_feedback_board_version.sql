-- The public board page's "unchanged" check (issue #17, Scale). A board row carries the number
-- of its live ideas (not deleted, not merged: what the board page counts) and a `rev` from a
-- sequence, renewed by every write that can change any of the board's pages: an idea inserted,
-- updated (title, status, votes, comments, a merge, a move to another board…) or deleted, and the
-- board's own row (a rename, a new visibility). Triggers keep both in the writer's transaction,
-- whoever writes (the core's commands, anonymous votes, the demo, SQL by hand), so no future
-- writer can forget them. The page is then served from its last render while the board's row is
-- the same (platform/web.ts CachedPage).
create sequence feedback_board_rev;
alter table feedback_boards
  add column idea_count integer not null default 0,
  add column rev bigint not null default nextval('feedback_board_rev');

update feedback_boards b set idea_count = (
  select count(*) from feedback_ideas i
  where i.board_id = b.id and i.deleted_at is null and i.merged_into_id is null
);

create function feedback_boards_bump_rev() returns trigger language plpgsql as $$
begin
  new.rev := nextval('feedback_board_rev');
  return new;
end $$;

create trigger feedback_boards_rev before update on feedback_boards
  for each row execute function feedback_boards_bump_rev();

-- An idea's write: its board's count moves by whether the idea was / is live, and the board's
-- row is touched (so its rev is renewed by the trigger above). An update that changes nothing
-- leaves the board alone. A move between boards touches both.
create function feedback_ideas_touch_board() returns trigger language plpgsql as $$
declare
  was_live int := 0;
  is_live int := 0;
begin
  -- Compared as text, so a column type without "=" (json, point) added later cannot break writes.
  if tg_op = 'UPDATE' and old::text = new::text then
    return null;
  end if;
  if tg_op in ('UPDATE', 'DELETE') and old.deleted_at is null and old.merged_into_id is null then
    was_live := 1;
  end if;
  if tg_op in ('UPDATE', 'INSERT') and new.deleted_at is null and new.merged_into_id is null then
    is_live := 1;
  end if;
  if tg_op = 'UPDATE' and old.board_id <> new.board_id then
    update feedback_boards set idea_count = idea_count - was_live where id = old.board_id;
    update feedback_boards set idea_count = idea_count + is_live where id = new.board_id;
  elsif tg_op = 'DELETE' then
    update feedback_boards set idea_count = idea_count - was_live where id = old.board_id;
  else
    update feedback_boards set idea_count = idea_count + is_live - was_live where id = new.board_id;
  end if;
  return null;
end $$;

create trigger feedback_ideas_board_version after insert or update or delete on feedback_ideas
  for each row execute function feedback_ideas_touch_board();
