import type { Permission, Role } from "../../../../contracts/accounts.ts";

/**
 * What each role may do, in one table. Handlers never compare roles themselves: they ask
 * `can(actor, permission)` (or a module's policy function built on it).
 * Engineers read everything about a case and work escalations, but never answer customers
 * or change a case's fields (they hand findings back to the agent instead).
 * Moderator is a placeholder for a later module: staff who use the app.
 */
const STAFF_READ: Permission[] = ["app.use", "members.read", "tokens.manage", "customers.read", "cases.read"];
const STAFF: Permission[] = [...STAFF_READ, "customers.write", "cases.work", "calls.create"];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: [
    ...STAFF,
    "workspace.manage",
    "tokens.manage_all",
    "team.manage",
    "portal.use",
    "escalations.work",
    "playbooks.manage",
    "help.manage",
  ],
  agent: [...STAFF, "portal.use", "playbooks.manage", "help.manage"],
  engineer: [...STAFF_READ, "escalations.work"],
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
