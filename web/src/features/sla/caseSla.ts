import type { CaseSla } from "../../../../contracts/cases.ts";

/** The SLA block the server puts on each case (contracts/cases.ts `sla`, from modules/sla). */
export type { CaseSla };

/** The nearest due time still running: what "time left" counts down to. */
export function nearestDue(sla: CaseSla | null | undefined): Date | null {
  if (!sla) return null;
  const dues = [sla.firstReplyDueAt, sla.nextReplyDueAt, sla.resolutionDueAt]
    .filter((d): d is string => !!d)
    .map((d) => new Date(d).getTime());
  return dues.length ? new Date(Math.min(...dues)) : null;
}

export type SlaTone = "ok" | "warning" | "breached" | "paused";

/** The colour state: the server's, else derived (under an hour left is a warning). */
export function slaTone(sla: CaseSla | null | undefined, now = Date.now()): SlaTone | null {
  if (!sla || sla.state === "met") return null;
  if (sla.state === "paused" || sla.pausedAt) return "paused";
  const due = nearestDue(sla);
  if (sla.state === "breached" || sla.breachedAt || (due && due.getTime() <= now)) return "breached";
  if (!due) return null;
  if (sla.state === "warning" || due.getTime() - now < 3_600_000) return "warning";
  return "ok";
}

/** Minutes left until the nearest due (negative once overdue). */
export function minutesLeft(sla: CaseSla | null | undefined, now = Date.now()): number | null {
  const due = nearestDue(sla);
  return due ? Math.round((due.getTime() - now) / 60_000) : null;
}
