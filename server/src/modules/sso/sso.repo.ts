import { sql } from "kysely";
import type { TenantScope } from "../../platform/db/tenant.ts";
import type { SsoGroupMapping } from "./schema-sso.ts";

/** SQL for the SSO tables; every function takes the tenant scope. */
export async function findSsoSettings(scope: TenantScope) {
  return scope.selectFrom("sso_settings").selectAll().executeTakeFirst();
}

export type SsoSettingsRow = NonNullable<Awaited<ReturnType<typeof findSsoSettings>>>;

export async function upsertSsoSettings(
  scope: TenantScope,
  values: {
    issuer: string;
    client_id: string;
    client_secret_enc?: string;
    allowed_domains: string[];
    jit_enabled: boolean;
    jit_role: SsoSettingsRow["jit_role"];
    group_claim: string | null;
    group_mappings: SsoGroupMapping[];
    require_sso: boolean;
    break_glass_user_id: string | null;
  },
) {
  const row = { ...values, group_mappings: JSON.stringify(values.group_mappings), updated_at: new Date() };
  await scope
    .insertInto("sso_settings", row)
    .onConflict((oc) => oc.column("workspace_id").doUpdateSet(row))
    .execute();
}

export async function deleteSsoSettings(scope: TenantScope): Promise<boolean> {
  const res = await scope.deleteFrom("sso_settings").executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

export async function insertPendingLogin(
  scope: TenantScope,
  pending: { state: string; nonce: string; codeVerifier: string },
) {
  // Abandoned sign-ins older than the allowed window are cleared as new ones start.
  await scope
    .deleteFrom("sso_logins")
    .where("created_at", "<", sql<Date>`now() - interval '10 minutes'`)
    .execute();
  await scope
    .insertInto("sso_logins", {
      state: pending.state,
      nonce: pending.nonce,
      code_verifier: pending.codeVerifier,
    })
    .execute();
}

/** Takes (deletes and returns) a pending sign-in: a state can be used once, for 10 minutes. */
export async function takePendingLogin(scope: TenantScope, state: string) {
  return scope
    .deleteFrom("sso_logins")
    .where("state", "=", state)
    .where("created_at", ">", sql<Date>`now() - interval '10 minutes'`)
    .returning(["state", "nonce", "code_verifier"])
    .executeTakeFirst();
}

/** Staff memberships, with the login's email, for the break-glass choice and sign-in. */
export async function findMembershipById(scope: TenantScope, membershipId: string) {
  return scope
    .selectFrom("memberships")
    .select(["id", "user_id", "role", "status"])
    .where("id", "=", membershipId)
    .executeTakeFirst();
}

export async function findMembershipByUser(scope: TenantScope, userId: string) {
  return scope
    .selectFrom("memberships")
    .select(["id", "user_id", "role", "status"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

export async function setMembershipRole(
  scope: TenantScope,
  membershipId: string,
  role: SsoSettingsRow["jit_role"],
) {
  await scope.updateTable("memberships").set({ role }).where("id", "=", membershipId).execute();
}

export async function existingTeamIds(scope: TenantScope, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await scope.selectFrom("teams").select("id").where("id", "in", ids).execute();
  return rows.map((r) => r.id);
}

export async function addToTeams(scope: TenantScope, membershipId: string, teamIds: string[]) {
  for (const teamId of teamIds) {
    await scope
      .insertInto("team_members", { team_id: teamId, membership_id: membershipId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
