import type { Actor } from "../../../platform/context.ts";
import { AppError } from "../../../platform/http/errors.ts";

/**
 * Agents see the flags on the messages they handle; customers never see an assessment, and
 * are answered as if the thing did not exist (same as another customer's case).
 */
export function assertSeesAssessments(actor: Actor, what: "Message" | "Case"): void {
  if (!actor.permissions.includes("cases.read")) throw new AppError("not_found", `${what} was not found`);
}
