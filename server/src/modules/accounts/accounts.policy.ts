import type { Actor } from "../../platform/context.ts";

/** Who may see and revoke which API tokens. Admins manage all; others only their own. */
export function canSeeAllTokens(actor: Actor): boolean {
  return actor.permissions.includes("tokens.manage_all");
}

export function canRevokeToken(actor: Actor, ownerUserId: string): boolean {
  return ownerUserId === actor.userId || canSeeAllTokens(actor);
}
