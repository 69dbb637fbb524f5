import type { Permission, Role } from "../../../../contracts/accounts.ts";

/**
 * What each role may do, in one table. Handlers never compare roles themselves: they ask
 * `can(actor, permission)` (or a module's policy function built on it).
 * Engineer and moderator are placeholders for later modules: staff who use the app.
 */
const STAFF: Permission[] = [
  "app.use",
  "members.read",
  "tokens.manage",
  "customers.read",
  "customers.write",
  "cases.work",
  "calls.create",
];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: [...STAFF, "workspace.manage", "tokens.manage_all", "team.manage", "portal.use"],
  agent: [...STAFF, "portal.use"],
  engineer: [...STAFF],
  moderator: [...STAFF],
  customer: ["portal.use"],
};

export function permissionsOf(role: Role): Permission[] {
  return [...GRANTS[role]];
}

export function roleCan(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function isStaffRole(role: Role): boolean {
  return roleCan(role, "app.use");
}
