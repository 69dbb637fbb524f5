import { addBusinessMinutes, type Calendar } from "../hours/calendar.ts";
import type { PolicyConditions, PolicyTargets } from "./schema-sla.ts";

/** The pure part of the SLA: which policy applies and when each target falls due. */

export type Policy = {
  id: string;
  conditions: PolicyConditions;
  targets: PolicyTargets;
  calendar: "team" | "always";
};

export type CaseFacts = { priority: string; organization: string | null; plan: string | null };

/** The first policy (in position order) whose conditions all hold; none: no SLA. */
export function matchPolicy(policies: Policy[], c: CaseFacts): Policy | null {
  const same = (a: string | null, b: string) => (a ?? "").trim().toLowerCase() === b.trim().toLowerCase();
  for (const p of policies) {
    const k = p.conditions;
    if (k.priority && k.priority !== c.priority) continue;
    if (k.organization && !same(c.organization, k.organization)) continue;
    if (k.plan && !same(c.plan, k.plan)) continue;
    return p;
  }
  return null;
}

export type Anchors = {
  createdAt: Date;
  firstRepliedAt: Date | null;
  nextReplyFrom: Date | null;
  /** Business minutes spent paused so far (waiting on the customer or a problem). */
  pausedMinutes: number;
};

export type Dues = {
  firstReply: Date | null;
  nextReply: Date | null;
  resolution: Date | null;
  warnAt: Date | null;
};

/** Share of a target after which the assignee and leads hear the case is close to breaching. */
export const WARN_SHARE = 0.8;

/**
 * Due times from the anchors: first reply and resolution run from the case's creation and are
 * pushed out by the time spent paused; next reply runs from the customer message that started
 * it. `warnAt` is the earliest instant at which 80 % of a running target is used.
 */
export function computeDues(cal: Calendar, t: PolicyTargets, a: Anchors): Dues {
  const due = (from: Date | null, minutes: number | undefined, extra: number) =>
    from && minutes ? addBusinessMinutes(cal, from, minutes + extra) : null;
  const warn = (from: Date | null, minutes: number | undefined, extra: number) =>
    from && minutes ? addBusinessMinutes(cal, from, Math.floor(minutes * WARN_SHARE) + extra) : null;
  const firstFrom = a.firstRepliedAt ? null : a.createdAt;
  const dues = {
    firstReply: due(firstFrom, t.firstReplyMinutes, a.pausedMinutes),
    nextReply: due(a.nextReplyFrom, t.nextReplyMinutes, 0),
    resolution: due(a.createdAt, t.resolutionMinutes, a.pausedMinutes),
  };
  const warns = [
    warn(firstFrom, t.firstReplyMinutes, a.pausedMinutes),
    warn(a.nextReplyFrom, t.nextReplyMinutes, 0),
    warn(a.createdAt, t.resolutionMinutes, a.pausedMinutes),
  ].filter((d): d is Date => d !== null);
  const warnAt = warns.length ? new Date(Math.min(...warns.map((d) => d.getTime()))) : null;
  return { ...dues, warnAt };
}

export type SlaState = "ok" | "warning" | "breached" | "paused" | "met";

/** What the inbox colours by. */
export function slaState(
  c: { status: string; pausedAt: unknown; breachedAt: unknown; warnAt: Date | string | null },
  now = new Date(),
): SlaState {
  if (c.breachedAt) return "breached";
  if (c.status === "solved" || c.status === "closed") return "met";
  if (c.pausedAt) return "paused";
  if (c.warnAt && new Date(c.warnAt) <= now) return "warning";
  return "ok";
}
