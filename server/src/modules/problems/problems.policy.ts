import type { Actor } from "../../platform/context.ts";
import { AppError } from "../../platform/http/errors.ts";

/**
 * Who may do what with problems. Every staff role reads them (engineers included, since
 * problems gather escalations); changing one, linking cases and writing to every affected
 * customer is case work (agents and admins).
 */
export function assertCanManageProblems(actor: Actor): void {
  if (!actor.permissions.includes("cases.work")) {
    throw new AppError("forbidden", "Your role may read problems but not change them");
  }
}

export const problemNotFound = (field?: string) => new AppError("not_found", "Problem was not found", field);
