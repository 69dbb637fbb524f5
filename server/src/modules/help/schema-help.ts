import type { ColumnType, Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.ts";

/** Kysely's view of the help center tables (migration 0022). Keep in step with the SQL. */
type Json<T> = ColumnType<T, string | undefined, string>;

export interface HelpCategoriesTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  slug: string;
  description: Generated<string>;
  position: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HelpSectionsTable {
  id: Generated<string>;
  workspace_id: string;
  category_id: string;
  name: string;
  slug: string;
  position: Generated<number>;
  created_at: Timestamp;
}

export interface HelpArticlesTable {
  id: Generated<string>;
  workspace_id: string;
  translation_group: Generated<string>;
  locale: string;
  slug: string;
  title: string;
  body: string;
  category_id: string | null;
  section_id: string | null;
  tags: Json<string[]>;
  product_models: Json<string[]>;
  visibility: string;
  state: string;
  problem_id: string | null;
  playbook_slug: string | null;
  version: Generated<number>;
  created_by_user_id: string | null;
  updated_by_user_id: string | null;
  published_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HelpArticleRedirectsTable {
  workspace_id: string;
  locale: string;
  slug: string;
  article_id: string;
  created_at: Timestamp;
}

export interface HelpArticleVersionsTable {
  workspace_id: string;
  article_id: string;
  number: number;
  title: string;
  body: string;
  meta: Json<Record<string, unknown>>;
  created_by_user_id: string | null;
  created_by_name: string | null;
  created_at: Timestamp;
}

export interface HelpAttachmentsTable {
  id: Generated<string>;
  workspace_id: string;
  article_id: string;
  name: string;
  content_type: string;
  size: number;
  file_key: string;
  created_by_user_id: string | null;
  created_at: Timestamp;
}

export interface HelpTables {
  help_categories: HelpCategoriesTable;
  help_sections: HelpSectionsTable;
  help_articles: HelpArticlesTable;
  help_article_redirects: HelpArticleRedirectsTable;
  help_article_versions: HelpArticleVersionsTable;
  help_attachments: HelpAttachmentsTable;
}
export type HelpTenantTable = keyof HelpTables;
