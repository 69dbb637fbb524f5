import type { ColumnType, Generated } from "kysely";

/** Kysely's view of the SSO tables (migration 0071). Keep in step with the SQL. */
export type SsoGroupMapping = {
  group: string;
  role: "admin" | "agent" | "engineer" | "moderator" | null;
  teamIds: string[];
};

export interface SsoSettingsTable {
  workspace_id: string;
  issuer: string;
  client_id: string;
  client_secret_enc: string | null;
  allowed_domains: ColumnType<string[], string[] | undefined, string[]>;
  jit_enabled: Generated<boolean>;
  jit_role: Generated<"admin" | "agent" | "engineer" | "moderator">;
  group_claim: string | null;
  group_mappings: ColumnType<SsoGroupMapping[], string | undefined, string>;
  require_sso: Generated<boolean>;
  break_glass_user_id: string | null;
  updated_at: Generated<Date>;
}

export interface SsoLoginsTable {
  state: string;
  workspace_id: string;
  nonce: string;
  code_verifier: string;
  created_at: Generated<Date>;
}

export interface SsoTables {
  sso_settings: SsoSettingsTable;
  sso_logins: SsoLoginsTable;
}
export type SsoTenantTable = "sso_settings" | "sso_logins";
