import type { Generated } from "kysely";
import type { Timestamp } from "../../../platform/db/schema.ts";

/** Kysely's view of the help search tables (migration 0023). Keep in step with the SQL. */
export interface HelpArticleVectorsTable {
  article_id: string;
  workspace_id: string;
  vector: Buffer;
  model_id: string;
  source_hash: string;
  computed_at: Timestamp;
}

export interface HelpSearchWordsTable {
  workspace_id: string;
  word: string;
}

export interface HelpSearchGapsTable {
  id: Generated<string>;
  workspace_id: string;
  query: string;
  normalized: string;
  locale: string | null;
  source: string;
  created_at: Timestamp;
}

export interface HelpSettingsTable {
  workspace_id: string;
  holdout_percent: number;
  updated_at: Timestamp;
}

export interface HelpDeflectionsTable {
  id: Generated<string>;
  workspace_id: string;
  customer_id: string;
  query: string;
  session: string;
  article_id: string | null;
  playbook_slug: string | null;
  created_at: Timestamp;
}

export interface HelpArticleVotesTable {
  id: Generated<string>;
  workspace_id: string;
  article_id: string;
  helpful: boolean;
  reason: string | null;
  session: string | null;
  user_id: string | null;
  created_at: Timestamp;
}

export interface HelpArticleViewsTable {
  workspace_id: string;
  article_id: string;
  session: string;
  day: string;
}

export interface HelpRequestSessionsTable {
  workspace_id: string;
  session_id: string;
  customer_id: string;
  holdout: boolean;
  outcome: "case" | "deflected" | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface HelpSearchTables {
  help_article_vectors: HelpArticleVectorsTable;
  help_search_words: HelpSearchWordsTable;
  help_search_gaps: HelpSearchGapsTable;
  help_settings: HelpSettingsTable;
  help_deflections: HelpDeflectionsTable;
  help_article_votes: HelpArticleVotesTable;
  help_article_views: HelpArticleViewsTable;
  help_request_sessions: HelpRequestSessionsTable;
}
export type HelpSearchTenantTable = keyof HelpSearchTables;
