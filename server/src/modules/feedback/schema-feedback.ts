import type { ColumnType, Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.ts";

/** Kysely's view of the feedback portal's tables (migration 0030). Keep in step with the SQL. */
type Json<T> = ColumnType<T, string | undefined, string>;

export const IDEA_STATUSES = [
  "open",
  "under_review",
  "planned",
  "in_progress",
  "done",
  "declined",
  "duplicate",
] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];
export type BoardVisibility = "public" | "customers" | "staff";
export type SubscriptionReason = "author" | "voter" | "commenter" | "case" | "manual" | "merged";

export interface FeedbackSettingsTable {
  workspace_id: string;
  status_labels: Json<Partial<Record<IdeaStatus, string>>>;
  score_weights: Json<Record<string, number>>;
  value_fact_key: string | null;
  anonymous_voting: Generated<boolean>;
  updated_at: Timestamp;
}

export interface FeedbackBoardsTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  slug: string;
  description: Generated<string>;
  visibility: Generated<BoardVisibility>;
  position: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Live ideas (not deleted, not merged), kept by migration 0036's triggers: never written by code. */
  idea_count: ColumnType<number, never, never>;
  /** Renewed (migration 0036's triggers) by every write to the board or its ideas: the board page's version. */
  rev: ColumnType<string, never, never>;
}

export interface FeedbackIdeasTable {
  id: Generated<string>;
  number: ColumnType<string, never, never>;
  workspace_id: string;
  board_id: string;
  title: string;
  slug: string;
  description: Generated<string>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  status: Generated<IdeaStatus>;
  status_explanation: string | null;
  status_changed_at: Date | null;
  author_customer_id: string | null;
  author_user_id: string | null;
  created_by_user_id: string | null;
  merged_into_id: string | null;
  vote_count: Generated<number>;
  requester_count: Generated<number>;
  case_count: Generated<number>;
  comment_count: Generated<number>;
  done_at: Date | null;
  deleted_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  search: ColumnType<string, never, never>;
}

export interface FeedbackVotesTable {
  id: Generated<string>;
  workspace_id: string;
  idea_id: string;
  customer_id: string | null;
  visitor_hash: string | null;
  cast_by_user_id: string | null;
  created_at: Timestamp;
}

export interface FeedbackRequestersTable {
  idea_id: string;
  customer_id: string;
  workspace_id: string;
  by_vote: Generated<boolean>;
  by_case: Generated<boolean>;
  first_at: Timestamp;
}

export interface FeedbackIdeaCasesTable {
  idea_id: string;
  case_id: string;
  workspace_id: string;
  customer_id: string;
  linked_by_user_id: string | null;
  done_notified_at: Date | null;
  created_at: Timestamp;
}

export interface FeedbackCommentsTable {
  id: Generated<string>;
  workspace_id: string;
  idea_id: string;
  author_customer_id: string | null;
  author_user_id: string | null;
  body: string;
  official: Generated<boolean>;
  created_at: Timestamp;
  edited_at: Date | null;
  deleted_at: Date | null;
}

export interface FeedbackSubscriptionsTable {
  id: Generated<string>;
  workspace_id: string;
  idea_id: string;
  customer_id: string | null;
  user_id: string | null;
  reason: SubscriptionReason;
  unsubscribed_at: Date | null;
  created_at: Timestamp;
}

export interface FeedbackStatusChangesTable {
  id: Generated<string>;
  workspace_id: string;
  idea_id: string;
  from_status: IdeaStatus;
  to_status: IdeaStatus;
  explanation: string | null;
  by_user_id: string | null;
  created_at: Timestamp;
}

export interface FeedbackNoticesTable {
  id: Generated<string>;
  workspace_id: string;
  idea_id: string;
  subscription_id: string;
  kind: "status" | "merged" | "comment";
  data: Json<Record<string, unknown>>;
  created_at: Timestamp;
  sent_at: Date | null;
}

export interface FeedbackIdeaVectorsTable {
  idea_id: string;
  workspace_id: string;
  vector: Buffer;
  model_id: string;
  source_hash: string;
  computed_at: Timestamp;
}

export interface FeedbackTables {
  feedback_settings: FeedbackSettingsTable;
  feedback_boards: FeedbackBoardsTable;
  feedback_ideas: FeedbackIdeasTable;
  feedback_votes: FeedbackVotesTable;
  feedback_requesters: FeedbackRequestersTable;
  feedback_idea_cases: FeedbackIdeaCasesTable;
  feedback_comments: FeedbackCommentsTable;
  feedback_subscriptions: FeedbackSubscriptionsTable;
  feedback_status_changes: FeedbackStatusChangesTable;
  feedback_notices: FeedbackNoticesTable;
  feedback_idea_vectors: FeedbackIdeaVectorsTable;
}

export type FeedbackTenantTable = keyof FeedbackTables;
