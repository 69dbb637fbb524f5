-- Community and the MVP program (issue #16): a Q&A forum where customers answer each other,
-- reputation, badges, trust levels, MVP terms, following, notifications and moderation.
--
-- People post as *members*. A member is a signed-in person (staff or portal customer) or, for
-- posts a staff API token makes on a customer's behalf, a customer without a login yet. The
-- community profile (display name, avatar, bio) belongs to the member and is separate from
-- the customer record agents see.

create table community_members (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  user_id text,
  customer_id uuid references customers (id) on delete set null,
  is_staff boolean not null default false,
  display_name text not null,
  bio text not null default '',
  avatar_key text,
  avatar_type text,
  -- Sum of community_reputation_events.points, kept in step in the same transaction.
  reputation integer not null default 0,
  -- 0 new, 1 basic, 2 member, 3 regular, 4 leader (staff-granted only).
  trust_level smallint not null default 0 check (trust_level between 0 and 4),
  -- A penalty holds trust at 0 until this time.
  penalty_until timestamptz,
  -- How often followed activity is emailed: never, each event, daily or weekly digest.
  digest_rate text not null default 'daily' check (digest_rate in ('off', 'instant', 'daily', 'weekly')),
  last_digest_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, user_id),
  unique (workspace_id, customer_id)
);
create index community_members_reputation_idx on community_members (workspace_id, reputation desc, id);

create table community_categories (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  name text not null,
  slug text not null,
  description text not null default '',
  product_model text,
  -- public: everyone; customers: signed-in people; mvp: MVPs and staff; staff: staff only.
  visibility text not null default 'public' check (visibility in ('public', 'customers', 'mvp', 'staff')),
  position integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, slug)
);

create table community_topics (
  id uuid primary key default gen_random_uuid(),
  -- The short number in public URLs (/community/t/<number>-<slug>).
  number bigint generated always as identity unique,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  category_id uuid not null references community_categories (id) on delete restrict,
  kind text not null check (kind in ('question', 'discussion')),
  title text not null,
  slug text not null,
  author_member_id uuid not null references community_members (id),
  -- The opening post (its body, votes and score) is community_posts with kind 'opening'.
  status text not null default 'open' check (status in ('open', 'closed')),
  pinned boolean not null default false,
  -- Hidden by flags or held as likely spam, pending review; invisible to all but staff and author.
  hidden boolean not null default false,
  solved boolean not null default false,
  score integer not null default 0,
  answer_count integer not null default 0,
  view_count integer not null default 0,
  merged_into_id uuid references community_topics (id) on delete set null,
  problem_id uuid references problems (id) on delete set null,
  -- The help article drafted from this solved question.
  article_id uuid references help_articles (id) on delete set null,
  last_activity_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  search tsvector generated always as (to_tsvector('simple', title)) stored
);
create index community_topics_category_idx on community_topics (category_id, pinned desc, last_activity_at desc);
create index community_topics_ws_idx on community_topics (workspace_id, last_activity_at desc);
create index community_topics_search_idx on community_topics using gin (search);
create index community_topics_problem_idx on community_topics (problem_id) where problem_id is not null;

create table community_posts (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  topic_id uuid not null references community_topics (id) on delete cascade,
  -- opening: the question or discussion itself; answer: an answer or reply; comment: under
  -- the opening post or an answer (parent_post_id).
  kind text not null check (kind in ('opening', 'answer', 'comment')),
  parent_post_id uuid references community_posts (id) on delete cascade,
  author_member_id uuid not null references community_members (id),
  -- Who actually sent it, when a staff token posted on a customer's behalf.
  posted_by_user_id text,
  body text not null,
  official boolean not null default false,
  accepted boolean not null default false,
  accepted_at timestamptz,
  accepted_by_member_id uuid references community_members (id),
  score integer not null default 0,
  hidden boolean not null default false,
  -- Why it is hidden: flags, spam (held by the spam check), staff.
  hidden_reason text,
  deleted_at timestamptz,
  edited_at timestamptz,
  created_at timestamptz not null default now(),
  check ((kind = 'comment') = (parent_post_id is not null))
);
create index community_posts_topic_idx on community_posts (topic_id, created_at, id);
create index community_posts_author_idx on community_posts (author_member_id, created_at desc);
create unique index community_posts_opening_idx on community_posts (topic_id) where kind = 'opening';

-- One vote per member per post, enforced here.
create table community_votes (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  post_id uuid not null references community_posts (id) on delete cascade,
  member_id uuid not null references community_members (id) on delete cascade,
  value smallint not null check (value in (-1, 1)),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (post_id, member_id)
);
create index community_votes_member_idx on community_votes (member_id);

-- Mentions found in a post body (@display-name resolved to members), for notifications.
create table community_mentions (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  post_id uuid not null references community_posts (id) on delete cascade,
  member_id uuid not null references community_members (id) on delete cascade,
  primary key (post_id, member_id)
);

-- Cases a topic is tied to: linked by an agent, or opened from the topic by its asker.
create table community_topic_cases (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  topic_id uuid not null references community_topics (id) on delete cascade,
  case_id uuid not null references cases (id) on delete cascade,
  origin text not null check (origin in ('linked', 'escalated')),
  linked_by_user_id text,
  created_at timestamptz not null default now(),
  primary key (topic_id, case_id)
);
create index community_topic_cases_case_idx on community_topic_cases (case_id);

-- Points as a ledger: every change has a source key, so a retried job or a repeated vote
-- never counts twice. Reversals are rows with negative points and their own key.
create table community_reputation_events (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  member_id uuid not null references community_members (id) on delete cascade,
  category_id uuid references community_categories (id) on delete set null,
  post_id uuid references community_posts (id) on delete set null,
  kind text not null,
  points integer not null,
  source_key text not null,
  created_at timestamptz not null default now(),
  unique (workspace_id, source_key)
);
create index community_reputation_events_member_idx on community_reputation_events (member_id, created_at);
create index community_reputation_events_period_idx on community_reputation_events (workspace_id, created_at);

-- Point values, daily cap, trust thresholds and flag threshold: data, with defaults in code.
create table community_settings (
  workspace_id uuid primary key references workspaces (id) on delete cascade,
  settings jsonb not null default '{}',
  updated_at timestamptz not null default now()
);

create table community_badges (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  slug text not null,
  name text not null,
  description text not null default '',
  tier text not null check (tier in ('bronze', 'silver', 'gold')),
  -- The rule as data, e.g. {"metric":"accepted_answers","atLeast":10,"categoryId":null}.
  rule jsonb not null,
  enabled boolean not null default true,
  created_at timestamptz not null default now(),
  unique (workspace_id, slug)
);

create table community_badge_awards (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  badge_id uuid not null references community_badges (id) on delete cascade,
  member_id uuid not null references community_members (id) on delete cascade,
  awarded_at timestamptz not null default now(),
  primary key (badge_id, member_id)
);
create index community_badge_awards_member_idx on community_badge_awards (member_id);

create table community_mvp_nominations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  nominee_member_id uuid not null references community_members (id) on delete cascade,
  nominated_by_member_id uuid not null references community_members (id) on delete cascade,
  reason text not null,
  status text not null default 'pending' check (status in ('pending', 'accepted', 'declined')),
  decided_by_user_id text,
  decision_note text,
  decided_at timestamptz,
  created_at timestamptz not null default now()
);
create index community_mvp_nominations_ws_idx on community_mvp_nominations (workspace_id, status, created_at desc);

create table community_mvp_terms (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  member_id uuid not null references community_members (id) on delete cascade,
  nomination_id uuid references community_mvp_nominations (id) on delete set null,
  starts_at timestamptz not null,
  ends_at timestamptz not null check (ends_at > starts_at),
  awarded_by_user_id text,
  created_at timestamptz not null default now()
);
create index community_mvp_terms_member_idx on community_mvp_terms (member_id, ends_at desc);

create table community_follows (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  member_id uuid not null references community_members (id) on delete cascade,
  target_kind text not null check (target_kind in ('topic', 'category', 'member')),
  target_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (member_id, target_kind, target_id)
);
create index community_follows_target_idx on community_follows (target_kind, target_id);

create table community_notifications (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  member_id uuid not null references community_members (id) on delete cascade,
  kind text not null,
  topic_id uuid references community_topics (id) on delete cascade,
  post_id uuid references community_posts (id) on delete cascade,
  actor_member_id uuid references community_members (id) on delete set null,
  read_at timestamptz,
  emailed_at timestamptz,
  created_at timestamptz not null default now(),
  -- One notification per member per post per kind, however often a job retries.
  unique (member_id, post_id, kind)
);
create index community_notifications_member_idx on community_notifications (member_id, created_at desc);
create index community_notifications_unsent_idx on community_notifications (workspace_id, created_at)
  where emailed_at is null;

create table community_flags (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references workspaces (id) on delete cascade,
  post_id uuid not null references community_posts (id) on delete cascade,
  flagger_member_id uuid references community_members (id) on delete set null,
  -- spam_check: raised by the automatic spam signals, not a person.
  source text not null default 'member' check (source in ('member', 'spam_check')),
  reason text not null check (reason in ('spam', 'offensive', 'off_topic', 'other')),
  note text not null default '',
  weight integer not null,
  status text not null default 'open' check (status in ('open', 'agreed', 'disagreed', 'ignored')),
  decided_by_user_id text,
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  unique (post_id, flagger_member_id)
);
create index community_flags_open_idx on community_flags (workspace_id, status, created_at);
