import type { Actor } from "../../../platform/context.ts";
import type { Executor } from "../../../platform/db/tenant.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { leadsATeam } from "../../teams/leads.repo.ts";

/** Everyone's chat load is for admins and team leads (they balance the team's chats). */
export async function assertSeesChatAgents(db: Executor, actor: Actor) {
  if (actor.permissions.includes("team.manage")) return;
  if (await leadsATeam(db, actor)) return;
  throw new AppError("forbidden", "Only admins and team leads see every agent's chats");
}

/** Only those who manage the team set someone else's chat capacity. */
export function assertSetsChatCapacity(actor: Actor) {
  if (!actor.permissions.includes("team.manage"))
    throw new AppError("forbidden", "Only admins set another agent's chat capacity");
}
