import { DateTime } from "luxon";
import { businessMinutesBetween, type Calendar } from "../hours/calendar.ts";

/**
 * One case's support metrics, as a pure function of its facts: what the rollups add up.
 * Every time is kept twice: in business minutes (the team's calendar, else the workspace's
 * default, else always open) and in wall-clock minutes, which is how long the customer waited
 * on their own clock. Notes never count; a status change is read from its timeline event.
 */

export type CaseFacts = {
  id: string;
  workspaceId: string;
  createdAt: Date;
  status: string;
  updatedAt: Date;
  channel: string;
  teamId: string | null;
  agentId: string | null;
  tags: string[];
};
export type MessageFact = { kind: "customer" | "reply" | "note"; at: Date };
export type StatusChange = { from: string; to: string; at: Date };
export type Survey = { kind: "csat" | "ces"; rating: number; sentiment: string };

export type Metrics = {
  case_id: string;
  workspace_id: string;
  created_at: Date;
  team_id: string | null;
  agent_id: string | null;
  channel: string;
  tags: string[];
  customer_zone: string;
  business_day: string;
  customer_day: string;
  first_reply_at: Date | null;
  first_reply_business: number | null;
  first_reply_wall: number | null;
  next_reply_count: number;
  next_reply_business: number;
  next_reply_wall: number;
  resolved_at: Date | null;
  resolution_business: number | null;
  resolution_wall: number | null;
  reopen_count: number;
  replies_before_solve: number;
  one_touch: boolean;
  repeat_contact: boolean;
  csat_rating: number | null;
  csat_positive: boolean | null;
  ces_rating: number | null;
  ces_positive: boolean | null;
};

const SOLVED = new Set(["solved", "closed"]);
export const isSolved = (status: string) => SOLVED.has(status);

const wall = (a: Date, b: Date) => Math.max(0, (b.getTime() - a.getTime()) / 60_000);
const round = (n: number) => Math.round(n * 100) / 100;

/** The local date of an instant in a zone ("YYYY-MM-DD"); an unknown zone falls back to UTC. */
export function localDay(at: Date, zone: string): string {
  const d = DateTime.fromJSDate(at, { zone });
  return (d.isValid ? d : DateTime.fromJSDate(at, { zone: "UTC" })).toISODate() as string;
}

/**
 * The solves a later reopen undid, as [solved, reopened] spans (a case's last solve is in its
 * metrics). Solved → closed is still one span; a reopen with no recorded solve before it (an
 * imported case) has no span.
 */
export function earlierSolves(changes: StatusChange[]): Array<{ solvedAt: Date; reopenedAt: Date }> {
  const spans: Array<{ solvedAt: Date; reopenedAt: Date }> = [];
  let solvedSince: Date | null = null;
  for (const s of [...changes].sort((x, y) => x.at.getTime() - y.at.getTime())) {
    if (SOLVED.has(s.to) && !SOLVED.has(s.from)) solvedSince = s.at;
    else if (SOLVED.has(s.from) && !SOLVED.has(s.to)) {
      if (solvedSince) spans.push({ solvedAt: solvedSince, reopenedAt: s.at });
      solvedSince = null;
    }
  }
  return spans;
}

export function computeMetrics(input: {
  c: CaseFacts;
  messages: MessageFact[];
  changes: StatusChange[];
  calendar: Calendar;
  workspaceZone: string;
  customerZone: string;
  repeat: boolean;
  surveys: Survey[];
}): Metrics {
  const { c, calendar } = input;
  const both = (a: Date, b: Date) => ({
    b: round(businessMinutesBetween(calendar, a, b)),
    w: round(wall(a, b)),
  });
  const msgs = input.messages
    .filter((m) => m.kind !== "note")
    .sort((x, y) => x.at.getTime() - y.at.getTime());

  const firstReply = msgs.find((m) => m.kind === "reply" && m.at >= c.createdAt) ?? null;
  const frt = firstReply ? both(c.createdAt, firstReply.at) : null;

  // Next reply: each customer message after the first reply starts a wait (if none is
  // running); the next reply ends it.
  let nextCount = 0;
  let nextBusiness = 0;
  let nextWall = 0;
  if (firstReply) {
    let waitingSince: Date | null = null;
    for (const m of msgs) {
      if (m.at <= firstReply.at) continue;
      if (m.kind === "customer" && !waitingSince) waitingSince = m.at;
      else if (m.kind === "reply" && waitingSince) {
        const t = both(waitingSince, m.at);
        nextCount += 1;
        nextBusiness += t.b;
        nextWall += t.w;
        waitingSince = null;
      }
    }
  }

  const changes = [...input.changes].sort((x, y) => x.at.getTime() - y.at.getTime());
  const reopens = changes.filter((s) => SOLVED.has(s.from) && !SOLVED.has(s.to)).length;
  const solves = changes.filter((s) => SOLVED.has(s.to) && !SOLVED.has(s.from));
  const solved = isSolved(c.status);
  // A case solved with no recorded change (imported, or older than the timeline) counts its
  // last update as the solve.
  const resolvedAt = solved ? (solves.at(-1)?.at ?? c.updatedAt) : null;
  const res = resolvedAt ? both(c.createdAt, resolvedAt) : null;
  const repliesBeforeSolve = msgs.filter(
    (m) => m.kind === "reply" && (!resolvedAt || m.at <= resolvedAt),
  ).length;

  const csat = input.surveys.find((s) => s.kind === "csat");
  const ces = input.surveys.find((s) => s.kind === "ces");
  return {
    case_id: c.id,
    workspace_id: c.workspaceId,
    created_at: c.createdAt,
    team_id: c.teamId,
    agent_id: c.agentId,
    channel: c.channel,
    tags: [...new Set(c.tags)],
    customer_zone: input.customerZone,
    business_day: localDay(c.createdAt, input.workspaceZone),
    customer_day: localDay(c.createdAt, input.customerZone),
    first_reply_at: firstReply?.at ?? null,
    first_reply_business: frt?.b ?? null,
    first_reply_wall: frt?.w ?? null,
    next_reply_count: nextCount,
    next_reply_business: round(nextBusiness),
    next_reply_wall: round(nextWall),
    resolved_at: resolvedAt,
    resolution_business: res?.b ?? null,
    resolution_wall: res?.w ?? null,
    reopen_count: reopens,
    replies_before_solve: repliesBeforeSolve,
    one_touch: solved && reopens === 0 && repliesBeforeSolve === 1,
    repeat_contact: input.repeat,
    csat_rating: csat?.rating ?? null,
    csat_positive: csat ? csat.sentiment === "positive" : null,
    ces_rating: ces?.rating ?? null,
    ces_positive: ces ? ces.sentiment === "positive" : null,
  };
}
