import type { Notice } from "./notify.ts";

/**
 * The bell's text for an SLA near-breach or breach. The SLA sweep (modules/sla/sweep.ts) picks
 * who is told — the assignee and the team's leads, once per case and kind — and passes them here.
 */
export function slaNotices(
  c: { id: string; number: string | number; subject: string },
  kind: "warning" | "breached",
  userIds: string[],
): Notice[] {
  const title =
    kind === "breached"
      ? `SLA breached on case #${c.number}: ${c.subject}`
      : `SLA nearly due on case #${c.number}: ${c.subject}`;
  return userIds.map((userId) => ({
    recipientUserId: userId,
    kind: kind === "breached" ? "sla.breached" : "sla.warning",
    title,
    summary:
      kind === "breached" ? "A reply or resolution target has passed." : "80 % of a target's time is used.",
    caseId: c.id,
    subjectType: "case",
    subjectId: c.id,
  }));
}
