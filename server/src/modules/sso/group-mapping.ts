import type { TenantScope } from "../../platform/db/tenant.ts";
import { audit } from "../audit/audit.ts";
import type { SsoGroupMapping } from "./schema-sso.ts";
import { addToTeams, existingTeamIds, type SsoSettingsRow, setMembershipRole } from "./sso.repo.ts";

type Role = NonNullable<SsoGroupMapping["role"]>;

/**
 * What the IdP's groups grant: the role of the first mapping (in the admin's order) that
 * names a role, and the teams of every matching mapping. Groups the mapping does not name
 * grant nothing; with no group claim configured, nothing is mapped.
 */
export function mappedAccess(
  settings: Pick<SsoSettingsRow, "group_claim" | "group_mappings">,
  claims: Record<string, unknown>,
): { role: Role | null; teamIds: string[]; groups: string[] } {
  if (!settings.group_claim) return { role: null, teamIds: [], groups: [] };
  const raw = claims[settings.group_claim];
  const groups = (Array.isArray(raw) ? raw : typeof raw === "string" ? [raw] : []).filter(
    (g): g is string => typeof g === "string",
  );
  const matching = settings.group_mappings.filter((m) => groups.includes(m.group));
  return {
    role: matching.find((m) => m.role)?.role ?? null,
    teamIds: [...new Set(matching.flatMap((m) => m.teamIds))],
    groups,
  };
}

/**
 * Applies the mapping at every sign-in, so a change at the IdP reaches Rapport the next time
 * the person signs in. Teams are only joined, never left (a team an admin added by hand
 * stays). The break-glass admin's role is never changed by the IdP: it is the way back in
 * when the IdP is wrong.
 */
export async function applyGroupAccess(
  scope: TenantScope,
  settings: SsoSettingsRow,
  who: { membershipId: string; userId: string },
  access: { role: Role | null; teamIds: string[] },
): Promise<{ role?: Role; teamsJoined?: number }> {
  const result: { role?: Role; teamsJoined?: number } = {};
  if (access.role && who.userId !== settings.break_glass_user_id) {
    const current = await scope
      .selectFrom("memberships")
      .select("role")
      .where("id", "=", who.membershipId)
      .executeTakeFirstOrThrow();
    if (
      current.role !== access.role &&
      (current.role !== "admin" || (await otherAdmins(scope, who.membershipId)) > 0)
    ) {
      await setMembershipRole(scope, who.membershipId, access.role);
      await audit(scope, {
        actorUserId: null,
        action: "member.updated",
        subjectType: "membership",
        subjectId: who.membershipId,
        data: { role: access.role, by: "sso.group_mapping" },
      });
      result.role = access.role;
    }
  }
  // Teams deleted since the mapping was saved are skipped rather than failing the sign-in.
  const teams = await existingTeamIds(scope, access.teamIds);
  if (teams.length > 0) {
    await addToTeams(scope, who.membershipId, teams);
    result.teamsJoined = teams.length;
  }
  return result;
}

async function otherAdmins(scope: TenantScope, membershipId: string): Promise<number> {
  const row = await scope
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin")
    .where("status", "=", "active")
    .where("id", "<>", membershipId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
