-- Help center, continued (issue #15).

-- The public help pages list titles a page (or the first few) at a time, in title order, by
-- section or by category for articles in no section: short index walks, not a sort of the whole
-- help center (public-lists.ts).
create index help_articles_section_titles_idx on help_articles (section_id, title, id)
  where state = 'published';
create index help_articles_loose_titles_idx on help_articles (category_id, title, id)
  where state = 'published' and section_id is null;

-- The brand colour of the public pages (#rrggbb, lower case); null keeps the default colours.
alter table workspaces add column brand_color text check (brand_color ~ '^#[0-9a-f]{6}$');

-- The orphaned-file collector asks "is this key a member's picture" (cases/orphaned-files.ts).
create index memberships_avatar_key_idx on memberships (avatar_key) where avatar_key is not null;
