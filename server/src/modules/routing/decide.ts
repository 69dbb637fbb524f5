import { isOpenNow } from "./open-now.ts";
import type { Candidate, RoutingContext } from "./route.repo.ts";

export type RoutingReason = "dedicated_team" | "preferred_agent" | "preferred_team" | "rule" | "unassigned";

export type RoutingDecision = {
  reason: RoutingReason;
  teamId: string | null;
  assigneeId: string | null;
  ruleId: string | null;
  /** One sentence for the agents reading the timeline. */
  detail: string;
  /**
   * The assignee's load and last assignment as the read saw them: the insert claims the choice
   * only if they are unchanged (routing_claim, migration 0070). Null when no one was assigned.
   */
  seen: { open: number; lastAt: string | null } | null;
};

/**
 * The routing order of docs/agents-api.md: dedicated team (the customer's, else their
 * organization's) → preferred agent when available (else their first team) → first matching
 * rule → unassigned. Within a team the rule's strategy picks an available agent under capacity;
 * dedicated and preferred teams use round robin. No one free: the case waits in the team queue.
 * Returns null when the workspace has nothing that applies, so no event is written.
 */
export function decide(ctx: RoutingContext, now: Date): RoutingDecision | null {
  // Each team's calendar is read once per decision, not once per member (business hours in a
  // zone are luxon work, and a team of ten asked it ten times on every new case).
  const closed = new Set<string>();
  const calendarSeen = new Set<string>();
  for (const c of ctx.calendars) {
    if (calendarSeen.has(c.teamId)) continue; // a team's first calendar is its calendar
    calendarSeen.add(c.teamId);
    if (!isOpenNow(c, now)) closed.add(c.teamId);
  }
  const availability = (a: Candidate, teamId?: string) => availabilityOf(ctx, closed, a, teamId);
  const pick = (teamId: string, strategy: string) => pickFrom(ctx, teamId, strategy, availability);
  const teamName = (id: string) => ctx.teams.find((t) => t.id === id)?.name ?? "a team";
  const toTeam = (
    teamId: string,
    reason: RoutingReason,
    why: string,
    strategy: "round_robin" | "least_loaded",
    ruleId: string | null = null,
  ): RoutingDecision => {
    const agent = pick(teamId, strategy);
    const where = `team ${teamName(teamId)}`;
    const detail = agent
      ? `${why}: ${where}, assigned to ${agent.name} (${strategy === "least_loaded" ? "least loaded" : "round robin"})`
      : `${why}: ${where}; no agent of the team is available`;
    return {
      reason,
      teamId,
      assigneeId: agent?.id ?? null,
      ruleId,
      detail,
      seen: agent ? seenOf(agent) : null,
    };
  };

  const dedicated = ctx.customerTeamId ?? ctx.organizationTeamId;
  if (dedicated) {
    const whose = ctx.customerTeamId ? "Customer's dedicated team" : "Organization's dedicated team";
    return toTeam(dedicated, "dedicated_team", whose, "round_robin");
  }
  const p = ctx.preferred;
  if (p) {
    const state = availability(p);
    if (state === "available") {
      return {
        reason: "preferred_agent",
        teamId: null,
        assigneeId: p.id,
        ruleId: null,
        detail: `Customer's preferred agent ${p.name}`,
        seen: seenOf(p),
      };
    }
    const team = p.teamIds[0];
    const why = `Preferred agent ${p.name} is ${state}`;
    if (team) return toTeam(team, "preferred_team", `${why}; sent to their team`, "round_robin");
    if (!ctx.rule)
      return { reason: "unassigned", teamId: null, assigneeId: null, ruleId: null, detail: why, seen: null };
  }
  if (ctx.rule) {
    const r = ctx.rule;
    return toTeam(r.teamId, "rule", `Rule "${r.name}"`, r.strategy, r.id);
  }
  return null;
}

const seenOf = (a: Candidate) => ({ open: a.open, lastAt: a.lastAt });

type State = "available" | "away" | "outside their hours" | "at capacity";

/** Away by choice, outside every one of their teams' business hours, or full. */
function availabilityOf(ctx: RoutingContext, closed: Set<string>, a: Candidate, teamId?: string): State {
  if (a.status === "away") return "away";
  const teams = teamId ? [teamId] : a.teamIds;
  const hasCalendar = (t: string) => ctx.calendars.some((c) => c.teamId === t);
  // A team without a calendar is always on duty; an agent is off only when all their teams are closed.
  if (teams.length > 0 && teams.every((t) => hasCalendar(t) && closed.has(t))) return "outside their hours";
  if (a.capacity !== null && a.open >= a.capacity) return "at capacity";
  return "available";
}

function pickFrom(
  ctx: RoutingContext,
  teamId: string,
  strategy: string,
  availability: (a: Candidate, teamId?: string) => State,
): Candidate | null {
  const free = ctx.members
    .filter((m) => m.teamId === teamId && availability(m, teamId) === "available")
    .sort((a, b) => a.id.localeCompare(b.id));
  if (free.length === 0) return null;
  const time = (m: Candidate) => (m.lastAt ? Date.parse(m.lastAt) : 0);
  const order =
    strategy === "least_loaded"
      ? (a: Candidate, b: Candidate) => a.open - b.open || time(a) - time(b)
      : (a: Candidate, b: Candidate) => time(a) - time(b);
  return [...free].sort(order)[0] ?? null;
}
