import type { Actor } from "../../platform/context.ts";
import { AppError } from "../../platform/http/errors.ts";

/** Rules, capacities and who customers may pick are the workspace's to set: admins. */
export function assertManage(actor: Actor) {
  if (!actor.permissions.includes("team.manage"))
    throw new AppError("forbidden", "Only admins may change routing");
}

/** Preferred agents and dedicated teams are set by staff who may change customers. */
export function assertCustomerWrite(actor: Actor) {
  if (!actor.permissions.includes("customers.write"))
    throw new AppError("forbidden", "Your role may not change customers");
}
