import type { Actor } from "../../platform/context.ts";
import { AppError } from "../../platform/http/errors.ts";

/** Related cases are staff work: reading needs cases.read, linking and unlinking cases.work. */
export function assertCanReadLinks(actor: Actor) {
  if (actor.role === "customer" || !actor.permissions.includes("cases.read"))
    throw new AppError("forbidden", "Staff only");
}

export function assertCanChangeLinks(actor: Actor) {
  assertCanReadLinks(actor);
  if (!actor.permissions.includes("cases.work"))
    throw new AppError("forbidden", "Your role may read cases but not link them");
}
