import { type RawBuilder, sql } from "kysely";
import type { Executor } from "../../platform/db/tenant.ts";
import { slaSetup } from "../sla/on-create.ts";
import { guessLanguage } from "./language.ts";
import { isOpenNow } from "./open-now.ts";

export type RoutingReason = "dedicated_team" | "preferred_agent" | "preferred_team" | "rule" | "unassigned";

/** Where routing sent a new case, and why: the `case.routed` event's data (contracts/timeline.ts). */
export type RoutingDecision = {
  reason: RoutingReason;
  teamId: string | null;
  assigneeId: string | null;
  ruleId: string | null;
  /** One sentence for the agents reading the timeline. */
  detail: string;
};

/** What routing_choose needs besides the case's customer, channel and tags. */
export type RoutingInput = { guessedLanguage: string | null; closedTeamIds: string[] };

/**
 * The choice is made in PostgreSQL, by routing_choose (migration 0085), under the workspace's
 * routing lock and with a snapshot taken after it: dedicated team → preferred agent → first
 * matching rule → unassigned, round robin or least loaded within the team, capacities. That
 * function is the only implementation of the order. Business hours are the one input computed
 * here: the teams closed at `now`, from the calendars remembered for the SLA (sla/on-create.ts,
 * forgotten when a calendar changes) and each calendar's open state memoised (open-now.ts).
 */
export async function routingInput(db: Executor, workspaceId: string, message: string, now: Date) {
  const { calendars } = await slaSetup(db, workspaceId);
  const closedTeamIds: string[] = [];
  for (const c of calendars) if (c.teamId && !isOpenNow(c.calendar, now)) closedTeamIds.push(c.teamId);
  return { guessedLanguage: guessLanguage(message), closedTeamIds } satisfies RoutingInput;
}

/** routing_choose's call, for a statement of its own or inside the case's insert. */
export function routingChoiceSql(
  workspaceId: string,
  c: { customerId: string; channel: string; tags: string[] },
  input: RoutingInput,
): RawBuilder<RoutingDecision | null> {
  return sql`routing_choose(${workspaceId}::uuid, ${c.customerId}::uuid, ${c.channel}::text, ${c.tags}::text[],
                            ${input.guessedLanguage}::text, ${input.closedTeamIds}::uuid[])`;
}

/**
 * Where a new case goes, as a statement of its own: for the paths that open a case in several
 * statements inside a transaction (e-mail, channel threads). API creation makes the same choice
 * inside its insert instead (cases/create-case.repo.ts). Callers write the team, the assignee and
 * the `case.routed` event with the case itself.
 */
export async function routeNewCase(
  db: Executor,
  workspaceId: string,
  c: { customerId: string; channel: string; tags: string[]; message: string },
  now = new Date(),
): Promise<RoutingDecision | null> {
  const input = await routingInput(db, workspaceId, c.message, now);
  const { rows } = await sql<{
    d: RoutingDecision | null;
  }>`select ${routingChoiceSql(workspaceId, c, input)} as d`.execute(db);
  return rows[0]?.d ?? null;
}

/** The `case.routed` event's data (contracts/timeline.ts). */
export function routedEventData(d: RoutingDecision) {
  return { reason: d.reason, detail: d.detail, teamId: d.teamId, assigneeId: d.assigneeId, ruleId: d.ruleId };
}

/**
 * Inside the creating transaction, before the case number: waits for any other creation routing
 * in the same workspace, so two simultaneous cases cannot both take an agent's last free place
 * (or the same round-robin turn). Released at commit. routing_choose takes the same lock again
 * (advisory locks nest), but the paths that open a case in several statements take it first, so
 * that every path takes the routing lock before the case number's row lock and none deadlock.
 */
export async function lockRoutingChoice(tx: Executor, workspaceId: string) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`routing:${workspaceId}`}, 0))`.execute(tx);
}
