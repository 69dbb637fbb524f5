-- Community moderation (issue #16): what the spam check remembers of recent posts, and the
-- record of each review decision.

-- A fingerprint per post, written when the post is created: the hash of its normalised text
-- (case, spacing, links, digits and punctuation removed) and a 64-bit simhash of its words, so
-- the spam check finds the same or nearly the same text posted recently without reading bodies.
create table community_post_fingerprints (
  post_id uuid primary key references community_posts (id) on delete cascade,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  member_id uuid not null references community_members (id) on delete cascade,
  text_hash text not null,
  simhash bigint not null,
  -- Words in the normalised text: near-duplicates only count for texts long enough to judge.
  word_count integer not null,
  created_at timestamptz not null default now()
);
create index community_post_fingerprints_hash_idx on community_post_fingerprints (workspace_id, text_hash);
create index community_post_fingerprints_recent_idx on community_post_fingerprints (workspace_id, created_at desc);

-- One row per review decision (agree, disagree, ignore) on a flagged post. The audit log has
-- the same act for the record; this table answers "how often was this author's post
-- confirmed as spam" for the review queue.
create table community_moderation_decisions (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  post_id uuid not null references community_posts (id) on delete cascade,
  author_member_id uuid not null references community_members (id) on delete cascade,
  decision text not null check (decision in ('agree', 'disagree', 'ignore')),
  spam boolean not null default false,
  note text not null default '',
  decided_by_user_id text not null,
  created_at timestamptz not null default now()
);
create index community_moderation_decisions_author_idx on community_moderation_decisions (author_member_id)
  where spam;
