import type { Permission, Role } from "../../../../contracts/accounts.ts";

/**
 * What each role may do, in one table. Handlers never compare roles themselves: they ask
 * `can(actor, permission)` (or a module's policy function built on it).
 * Engineers read everything about a case and work escalations, but never answer customers
 * or change a case's fields (they hand findings back to the agent instead).
 * Moderators keep the community (issue #16): they review flags and edit, move, merge, close
 * and pin topics; they can read cases but are not agents. `community.manage` (categories,
 * badges, point values, MVP awards) is for admins and moderators.
 * Feedback (issue #17): agents triage ideas (link cases, change status with an explanation,
 * merge duplicates, vote for a customer, official comments); admins also manage boards,
 * status names and the prioritisation weights.
 * Empowered agents (issue #18): agents run actions (ship a replacement, issue a credit);
 * admins define them. An action over its limit waits for a manager: admins hold
 * `approvals.decide` everywhere, and a team's leads (team_members.is_lead) may decide for the
 * cases of their team (the approvals policy checks that, not this table).
 * The academy (issue #21): admins and agents author courses and run live sessions
 * (`academy.manage`); customers learn through the portal login (`portal.use`).
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
    "academy.manage",
    "community.moderate",
    "community.manage",
    "feedback.triage",
    "feedback.manage",
    "actions.run",
    "actions.manage",
    "approvals.decide",
  ],
  agent: [
    ...STAFF,
    "portal.use",
    "playbooks.manage",
    "help.manage",
    "academy.manage",
    "community.moderate",
    "feedback.triage",
    "actions.run",
  ],
  engineer: [...STAFF_READ, "escalations.work"],
  moderator: [...STAFF_READ, "portal.use", "community.moderate", "community.manage"],
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
