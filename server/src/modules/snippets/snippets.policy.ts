import type { Actor } from "../../platform/context.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";

/**
 * Who may read and write a snippet. A personal snippet is its owner's alone (others get 404, as
 * if it did not exist). A team snippet is read by the team's members and admins, and written by
 * the team's lead or an admin; a member who may read but not write gets 403.
 */
export const isAdmin = (actor: Actor) => actor.permissions.includes("workspace.manage");

export type TeamRights = { memberOf: Set<string>; leadOf: Set<string> };

export async function teamRightsOf(scope: TenantScope, actor: Actor): Promise<TeamRights> {
  const rows = await scope
    .selectFrom("team_members")
    .select(["team_id", "is_lead"])
    .where("membership_id", "=", actor.membershipId)
    .execute();
  return {
    memberOf: new Set(rows.map((r) => r.team_id)),
    leadOf: new Set(rows.filter((r) => r.is_lead).map((r) => r.team_id)),
  };
}

type SnippetOwnership = { owner_id: string | null; team_id: string | null };

export function canRead(actor: Actor, rights: TeamRights, s: SnippetOwnership): boolean {
  if (s.owner_id) return s.owner_id === actor.membershipId;
  return isAdmin(actor) || rights.memberOf.has(s.team_id ?? "");
}

export function canWrite(actor: Actor, rights: TeamRights, s: SnippetOwnership): boolean {
  if (s.owner_id) return s.owner_id === actor.membershipId;
  return isAdmin(actor) || rights.leadOf.has(s.team_id ?? "");
}

export const snippetNotFound = () => new AppError("not_found", "Snippet was not found");

/** Throws 404 when the caller may not even read it, 403 when they may read but not write. */
export function assertCanWrite(actor: Actor, rights: TeamRights, s: SnippetOwnership) {
  if (!canRead(actor, rights, s)) throw snippetNotFound();
  if (!canWrite(actor, rights, s))
    throw new AppError("forbidden", "Only the team's lead or an admin may change a team snippet");
}
