import type { Actor } from "../../platform/context.ts";
import { AppError } from "../../platform/http/errors.ts";

/**
 * Who does what with escalations. Agents (cases.work) escalate, finish tasks and close;
 * engineers (escalations.work) claim, note, ask for diagnostics and hand back findings;
 * every staff member (cases.read) reads and exports.
 */
export const canWorkEscalations = (actor: Actor) => actor.permissions.includes("escalations.work");
export const canWorkCases = (actor: Actor) => actor.permissions.includes("cases.work");

export function assertCanClose(actor: Actor): void {
  if (!canWorkCases(actor) && !canWorkEscalations(actor))
    throw new AppError("forbidden", "Only agents and engineers close escalations");
}

export const escalationNotFound = () => new AppError("not_found", "Escalation was not found");
export const escalationClosed = () => new AppError("conflict", "This escalation is closed");
