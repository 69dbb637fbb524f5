import type { ColumnType, Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.ts";

/** Kysely's view of snippets and agent profiles (migration 0039). Keep in step with the SQL. */
export interface SnippetsTable {
  id: Generated<string>;
  workspace_id: string;
  /** A personal snippet's agent (membership); null for a team's snippet. */
  owner_id: string | null;
  /** A team snippet's team; null for a personal snippet. */
  team_id: string | null;
  title: string;
  body: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgentProfilesTable {
  workspace_id: string;
  membership_id: string;
  display_name: string | null;
  bio: Generated<string>;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  sign_off: Generated<string>;
  updated_at: Timestamp;
}

export interface AgentPeopleSettingsTable {
  workspace_id: string;
  agent_personality: Generated<boolean>;
  updated_at: Timestamp;
}

export interface PeopleTables {
  snippets: SnippetsTable;
  agent_profiles: AgentProfilesTable;
  agent_people_settings: AgentPeopleSettingsTable;
}
export type PeopleTenantTable = "snippets" | "agent_profiles" | "agent_people_settings";
