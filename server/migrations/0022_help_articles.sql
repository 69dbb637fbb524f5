-- Help center (issue #15): categories with sections, articles with immutable versions,
-- translations grouped together, old slugs kept as redirects, and files attached to articles.

create table help_categories (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  name text not null,
  slug text not null,
  description text not null default '',
  position integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, slug)
);

create table help_sections (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  category_id uuid not null references help_categories (id) on delete cascade,
  name text not null,
  slug text not null,
  position integer not null default 0,
  created_at timestamptz not null default now(),
  unique (category_id, slug)
);
create index help_sections_category_idx on help_sections (category_id, position);

create table help_articles (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  -- Translations of one article share a group; one article per locale per group.
  translation_group uuid not null default gen_random_uuid(),
  locale text not null,
  slug text not null,
  title text not null,
  -- Markdown as written; rendered (raw HTML off) and sanitised on the way out.
  body text not null,
  -- An article keeps its category (deleting a category with articles is refused).
  category_id uuid references help_categories (id) on delete restrict,
  section_id uuid references help_sections (id) on delete set null,
  tags jsonb not null default '[]',
  product_models jsonb not null default '[]',
  visibility text not null check (visibility in ('public', 'customers', 'agents')),
  state text not null check (state in ('draft', 'published', 'archived')),
  problem_id uuid references problems (id) on delete set null,
  playbook_slug text,
  -- The number of the newest row in help_article_versions.
  version integer not null default 1,
  created_by_user_id text,
  updated_by_user_id text,
  published_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, locale, slug),
  unique (translation_group, locale)
);
create index help_articles_list_idx on help_articles (workspace_id, updated_at desc, id desc);
create index help_articles_problem_idx on help_articles (problem_id) where problem_id is not null;
create index help_articles_category_idx on help_articles (category_id) where category_id is not null;

-- Slugs an article no longer uses, so old links answer with a redirect to the current one.
create table help_article_redirects (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  locale text not null,
  slug text not null,
  article_id uuid not null references help_articles (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (workspace_id, locale, slug)
);
create index help_article_redirects_article_idx on help_article_redirects (article_id);

-- Every save, frozen: never updated.
create table help_article_versions (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  article_id uuid not null references help_articles (id) on delete cascade,
  number integer not null,
  title text not null,
  body text not null,
  -- The other fields as they were at this version (tags, visibility, state, category…).
  meta jsonb not null default '{}',
  created_by_user_id text,
  created_by_name text,
  created_at timestamptz not null default now(),
  primary key (article_id, number)
);

create table help_attachments (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  article_id uuid not null references help_articles (id) on delete cascade,
  name text not null,
  content_type text not null,
  size integer not null,
  file_key text not null,
  created_by_user_id text,
  created_at timestamptz not null default now()
);
create index help_attachments_article_idx on help_attachments (article_id);
-- The orphaned-file collector asks "is this key listed" (cases/orphaned-files.ts).
create index help_attachments_key_idx on help_attachments (file_key);
