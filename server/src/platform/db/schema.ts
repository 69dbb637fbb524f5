import type { ColumnType, Generated } from "kysely";

/**
 * Kysely's view of the tables in server/migrations. Keep in step with the SQL.
 * Better Auth's tables are listed under "auth.*" only where Rapport reads them.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type Role = "admin" | "agent" | "customer" | "engineer" | "moderator";

export interface WorkspacesTable {
  id: Generated<string>;
  name: string;
  host: string | null;
  default_locale: Generated<string>;
  created_at: Timestamp;
}

export interface MembershipsTable {
  id: Generated<string>;
  workspace_id: string;
  user_id: string;
  role: Role;
  status: Generated<"active" | "deactivated">;
  locale: string | null;
  created_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<string>;
  workspace_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  created_at: Timestamp;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  workspace_id: string;
  actor_user_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  data: ColumnType<unknown, string | undefined, string>;
  request_id: string | null;
  created_at: Timestamp;
}

export interface AuthUserTable {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  image: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface AuthAccountTable {
  id: string;
  accountId: string;
  providerId: string;
  userId: string;
  password: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface Database {
  workspaces: WorkspacesTable;
  memberships: MembershipsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  "auth.user": AuthUserTable;
  "auth.account": AuthAccountTable;
}

/** Tables that belong to one workspace; tenant.ts scopes every query on them. */
export type TenantTable = "memberships" | "api_tokens" | "audit_log";
