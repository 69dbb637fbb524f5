-- Help center, continued (issue #15): list indexes for the public pages, the brand colour,
-- pictures the file collector must keep, and request sessions for the holdout comparison.

-- The public help pages list titles a page (or the first few) at a time, in title order, by
-- section or by category for articles in no section: short index walks, not a sort of the whole
-- help center (public-lists.ts).
create index help_articles_section_titles_idx on help_articles (section_id, title, id)
  where state = 'published';
create index help_articles_loose_titles_idx on help_articles (category_id, title, id)
  where state = 'published' and section_id is null;
-- Articles per category and section (the counts beside each list): an index-only walk in group
-- order, instead of reading and sorting every row.
create index help_articles_counts_idx
  on help_articles (workspace_id, category_id, section_id, translation_group) include (visibility)
  where state = 'published';

-- The brand colour of the public pages (#rrggbb, lower case); null keeps the default colours.
alter table workspaces add column brand_color text check (brand_color ~ '^#[0-9a-f]{6}$');

-- The orphaned-file collector asks "is this key a member's picture" (cases/orphaned-files.ts).
create index memberships_avatar_key_idx on memberships (avatar_key) where avatar_key is not null;

-- Help request sessions: each new-request form a customer typed into, whether it was in the
-- deflection holdout (saw no suggestions) and how it ended, so suggested sessions can be
-- compared with held-out ones (help/search/request-sessions.ts). No outcome yet: abandoned,
-- or still open.
create table help_request_sessions (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  session_id text not null,
  customer_id uuid not null references customers (id) on delete cascade,
  holdout boolean not null,
  outcome text check (outcome in ('case', 'deflected')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, session_id)
);
create index help_request_sessions_recent_idx on help_request_sessions (workspace_id, created_at desc);
