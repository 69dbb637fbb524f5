import type { Generated } from "kysely";
import type { Timestamp } from "../../../platform/db/schema.ts";

/** Kysely's view of the moderation tables (migration 0029). Keep in step with the SQL. */
export interface CommunityPostFingerprintsTable {
  post_id: string;
  workspace_id: string;
  member_id: string;
  text_hash: string;
  /** int8 comes back from pg as a string. */
  simhash: string | bigint;
  word_count: number;
  created_at: Timestamp;
}

export interface CommunityModerationDecisionsTable {
  id: Generated<string>;
  workspace_id: string;
  post_id: string;
  author_member_id: string;
  decision: "agree" | "disagree" | "ignore";
  spam: Generated<boolean>;
  note: Generated<string>;
  decided_by_user_id: string;
  created_at: Timestamp;
}

export interface ModerationTables {
  community_post_fingerprints: CommunityPostFingerprintsTable;
  community_moderation_decisions: CommunityModerationDecisionsTable;
}

export type ModerationTenantTable = keyof ModerationTables;
