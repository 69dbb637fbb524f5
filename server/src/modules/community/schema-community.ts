import type { ColumnType, Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.ts";

/** Kysely's view of the community tables (migration 0026). Keep in step with the SQL. */
type Json<T> = ColumnType<T, string | undefined, string>;

export type TrustLevel = 0 | 1 | 2 | 3 | 4;
export type DigestRate = "off" | "instant" | "daily" | "weekly";
export type CategoryVisibility = "public" | "customers" | "mvp" | "staff";
export type PostKind = "opening" | "answer" | "comment";

export interface CommunityMembersTable {
  id: Generated<string>;
  workspace_id: string;
  user_id: string | null;
  customer_id: string | null;
  is_staff: Generated<boolean>;
  display_name: string;
  bio: Generated<string>;
  avatar_key: string | null;
  avatar_type: string | null;
  reputation: Generated<number>;
  trust_level: Generated<number>;
  penalty_until: Date | null;
  digest_rate: Generated<DigestRate>;
  last_digest_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CommunityCategoriesTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  slug: string;
  description: Generated<string>;
  product_model: string | null;
  visibility: Generated<CategoryVisibility>;
  position: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CommunityTopicsTable {
  id: Generated<string>;
  number: ColumnType<string, never, never>;
  workspace_id: string;
  category_id: string;
  kind: "question" | "discussion";
  title: string;
  slug: string;
  author_member_id: string;
  status: Generated<"open" | "closed">;
  pinned: Generated<boolean>;
  hidden: Generated<boolean>;
  solved: Generated<boolean>;
  score: Generated<number>;
  answer_count: Generated<number>;
  view_count: Generated<number>;
  merged_into_id: string | null;
  problem_id: string | null;
  article_id: string | null;
  last_activity_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  search: ColumnType<string, never, never>;
}

export interface CommunityPostsTable {
  id: Generated<string>;
  workspace_id: string;
  topic_id: string;
  kind: PostKind;
  parent_post_id: string | null;
  author_member_id: string;
  posted_by_user_id: string | null;
  body: string;
  /** Migration 0027: the body rendered when written; null means "render it when read". */
  body_html: ColumnType<string | null, string | null | undefined, string | null>;
  official: Generated<boolean>;
  accepted: Generated<boolean>;
  accepted_at: Date | null;
  accepted_by_member_id: string | null;
  score: Generated<number>;
  hidden: Generated<boolean>;
  hidden_reason: string | null;
  deleted_at: Date | null;
  edited_at: Date | null;
  created_at: Timestamp;
}

export interface CommunityVotesTable {
  workspace_id: string;
  post_id: string;
  member_id: string;
  value: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CommunityMentionsTable {
  workspace_id: string;
  post_id: string;
  member_id: string;
}

export interface CommunityTopicCasesTable {
  workspace_id: string;
  topic_id: string;
  case_id: string;
  origin: "linked" | "escalated";
  linked_by_user_id: string | null;
  created_at: Timestamp;
}

export interface CommunityReputationEventsTable {
  id: Generated<string>;
  workspace_id: string;
  member_id: string;
  category_id: string | null;
  post_id: string | null;
  kind: string;
  points: number;
  source_key: string;
  created_at: Timestamp;
}

export interface CommunitySettingsTable {
  workspace_id: string;
  settings: Json<Record<string, unknown>>;
  updated_at: Timestamp;
}

export interface CommunityBadgesTable {
  id: Generated<string>;
  workspace_id: string;
  slug: string;
  name: string;
  description: Generated<string>;
  tier: "bronze" | "silver" | "gold";
  rule: Json<Record<string, unknown>>;
  enabled: Generated<boolean>;
  created_at: Timestamp;
}

export interface CommunityBadgeAwardsTable {
  workspace_id: string;
  badge_id: string;
  member_id: string;
  awarded_at: Timestamp;
}

export interface CommunityMvpNominationsTable {
  id: Generated<string>;
  workspace_id: string;
  nominee_member_id: string;
  nominated_by_member_id: string;
  reason: string;
  status: Generated<"pending" | "accepted" | "declined">;
  decided_by_user_id: string | null;
  decision_note: string | null;
  decided_at: Date | null;
  created_at: Timestamp;
}

export interface CommunityMvpTermsTable {
  id: Generated<string>;
  workspace_id: string;
  member_id: string;
  nomination_id: string | null;
  starts_at: Date | string;
  ends_at: Date | string;
  awarded_by_user_id: string | null;
  created_at: Timestamp;
}

export interface CommunityFollowsTable {
  workspace_id: string;
  member_id: string;
  target_kind: "topic" | "category" | "member";
  target_id: string;
  created_at: Timestamp;
}

export interface CommunityNotificationsTable {
  id: Generated<string>;
  workspace_id: string;
  member_id: string;
  kind: string;
  topic_id: string | null;
  post_id: string | null;
  actor_member_id: string | null;
  read_at: Date | null;
  emailed_at: Date | null;
  created_at: Timestamp;
}

export interface CommunityFlagsTable {
  id: Generated<string>;
  workspace_id: string;
  post_id: string;
  flagger_member_id: string | null;
  source: Generated<"member" | "spam_check">;
  reason: "spam" | "offensive" | "off_topic" | "other";
  note: Generated<string>;
  weight: number;
  status: Generated<"open" | "agreed" | "disagreed" | "ignored">;
  decided_by_user_id: string | null;
  decided_at: Date | null;
  created_at: Timestamp;
}

/** Migration 0027: official posts made because a linked problem changed, one per kind. */
export interface CommunityProblemNoticesTable {
  workspace_id: string;
  topic_id: string;
  problem_id: string;
  kind: "workaround" | "fixed";
  post_id: string | null;
  created_at: Timestamp;
}

export interface CommunityTables {
  community_members: CommunityMembersTable;
  community_categories: CommunityCategoriesTable;
  community_topics: CommunityTopicsTable;
  community_posts: CommunityPostsTable;
  community_votes: CommunityVotesTable;
  community_mentions: CommunityMentionsTable;
  community_topic_cases: CommunityTopicCasesTable;
  community_reputation_events: CommunityReputationEventsTable;
  community_settings: CommunitySettingsTable;
  community_badges: CommunityBadgesTable;
  community_badge_awards: CommunityBadgeAwardsTable;
  community_mvp_nominations: CommunityMvpNominationsTable;
  community_mvp_terms: CommunityMvpTermsTable;
  community_follows: CommunityFollowsTable;
  community_notifications: CommunityNotificationsTable;
  community_flags: CommunityFlagsTable;
  community_problem_notices: CommunityProblemNoticesTable;
}

export type CommunityTenantTable = keyof CommunityTables;
