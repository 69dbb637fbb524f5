import type { Generated } from "kysely";
import type { Timestamp } from "../../platform/db/schema.ts";

/** Kysely's view of the sign-in tables (migration 0072). Keep in step with the SQL. */
export interface WorkspaceSecuritySettingsTable {
  workspace_id: string;
  require_two_factor_roles: Generated<string[]>;
  password_min_length: Generated<number>;
  updated_at: Generated<Date>;
}

/** Better Auth's sessions, read and ended here (its column names). */
export interface AuthSessionTable {
  id: string;
  expiresAt: Timestamp;
  token: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  ipAddress: string | null;
  userAgent: string | null;
  userId: string;
}

/** Better Auth's two-factor plugin rows, read for status only (the plugin writes them). */
export interface AuthTwoFactorTable {
  id: string;
  secret: string;
  backupCodes: string;
  userId: string;
  verified: boolean | null;
  failedVerificationCount: number | null;
  lockedUntil: Date | null;
}

/** Better Auth's passkey plugin rows (migration 0080): listed and removed by Rapport's routes. */
export interface AuthPasskeyTable {
  id: string;
  name: string | null;
  publicKey: string;
  userId: string;
  credentialID: string;
  counter: number;
  deviceType: string;
  backedUp: boolean;
  transports: string | null;
  createdAt: Timestamp | null;
  aaguid: string | null;
}

export interface SecurityTables {
  workspace_security_settings: WorkspaceSecuritySettingsTable;
  "auth.session": AuthSessionTable;
  "auth.twoFactor": AuthTwoFactorTable;
  "auth.passkey": AuthPasskeyTable;
}
export type SecurityTenantTable = "workspace_security_settings";
