-- Help center search (issue #15): a text index and an embedding per article, the words
-- articles use (to correct typos against), what readers searched for in vain, votes, views,
-- deflections (requests answered by self-help) and the holdout share.

-- The text-search configuration of an article's locale ("de-AT" → german). Immutable so the
-- stored tsvector below can be generated from it.
create or replace function help_text_config(locale text) returns regconfig
  language sql immutable parallel safe as $$
  select (case split_part(lower(coalesce(locale, '')), '-', 1)
    when 'en' then 'english' when 'de' then 'german' when 'fr' then 'french'
    when 'es' then 'spanish' when 'pt' then 'portuguese' when 'it' then 'italian'
    when 'nl' then 'dutch' else 'simple' end)::regconfig
$$;

-- Title weighted A, body B, stemmed in the article's own language. Generated, so it can never
-- lag behind an edit.
alter table help_articles add column search_tsv tsvector generated always as (
  setweight(to_tsvector(help_text_config(locale), title), 'A') ||
  setweight(to_tsvector(help_text_config(locale), body), 'B')
) stored;
create index help_articles_search_idx on help_articles using gin (search_tsv);
-- Typo tolerance on titles (word_similarity).
create index help_articles_title_trgm_idx on help_articles using gin (lower(title) gin_trgm_ops);

-- The article's embedding (title + start of body), written by the help.vectors sweep and by
-- readers catching up. source_hash = md5(title || E'\n' || body): a changed text recomputes.
create table help_article_vectors (
  article_id uuid primary key references help_articles (id) on delete cascade,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  vector bytea not null,
  model_id text not null,
  source_hash text not null,
  computed_at timestamptz not null default now()
);
create index help_article_vectors_ws_idx on help_article_vectors (workspace_id);

-- Words the workspace's articles use, lower-cased: a query word not among them is replaced by
-- the closest one (trigram similarity), so "bluetoth" finds "bluetooth". Only grows.
create table help_search_words (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  word text not null,
  primary key (workspace_id, word)
);
create index help_search_words_trgm_idx on help_search_words using gin (word gin_trgm_ops);

-- Searches and suggestion requests that found nothing: content the help center lacks.
create table help_search_gaps (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  query text not null,
  normalized text not null,
  locale text,
  source text not null check (source in ('search', 'suggestions')),
  created_at timestamptz not null default now()
);
create index help_search_gaps_ws_idx on help_search_gaps (workspace_id, created_at desc);

-- No row means the defaults (5 % of sessions held out).
create table help_settings (
  workspace_id uuid primary key references workspaces (id) on delete cascade,
  holdout_percent integer not null check (holdout_percent between 0 and 50),
  updated_at timestamptz not null default now()
);

create table help_deflections (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  customer_id uuid not null references customers (id) on delete cascade,
  query text not null,
  session text not null,
  article_id uuid references help_articles (id) on delete set null,
  playbook_slug text,
  created_at timestamptz not null default now()
);
create index help_deflections_ws_idx on help_deflections (workspace_id, created_at desc);

create table help_article_votes (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  article_id uuid not null references help_articles (id) on delete cascade,
  helpful boolean not null,
  reason text check (reason in ('not_related', 'did_not_answer', 'out_of_date')),
  session text,
  user_id text,
  created_at timestamptz not null default now()
);
create index help_article_votes_article_idx on help_article_votes (article_id);

-- One view per session per article per day.
create table help_article_views (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  article_id uuid not null references help_articles (id) on delete cascade,
  session text not null,
  day date not null,
  primary key (article_id, session, day)
);
create index help_article_views_ws_idx on help_article_views (workspace_id);
