import { sql } from "kysely";
import type { Executor } from "../../platform/db/tenant.ts";
import { decide, type RoutingDecision } from "./decide.ts";
import { guessLanguage } from "./language.ts";
import { loadRoutingContext } from "./route.repo.ts";

export type { RoutingDecision } from "./decide.ts";

/**
 * Where a new case goes, when whoever opened it named neither an assignee nor a team: one
 * statement to read (route.repo.ts), the choice in memory (decide.ts). Callers write the
 * team, the assignee and the `case.routed` event with the case itself.
 */
export async function routeNewCase(
  db: Executor,
  workspaceId: string,
  c: { customerId: string; channel: string; tags: string[]; message: string },
  now = new Date(),
): Promise<RoutingDecision | null> {
  const ctx = await loadRoutingContext(db, workspaceId, {
    customerId: c.customerId,
    channel: c.channel,
    tags: c.tags,
    guessedLanguage: guessLanguage(c.message),
  });
  return decide(ctx, now);
}

/** What the insert must claim for a choice made without the lock: the assignee's state as read. */
export function claimOf(d: RoutingDecision | null) {
  return d?.assigneeId ? d.seen : null;
}

/** The `case.routed` event's data (contracts/timeline.ts). */
export function routedEventData(d: RoutingDecision) {
  return { reason: d.reason, detail: d.detail, teamId: d.teamId, assigneeId: d.assigneeId, ruleId: d.ruleId };
}

/**
 * How a routed creation runs: first without a lock (`locked` false): read, choose, and let the
 * insert claim the chosen agent (routing_claim, migration 0070): two round trips instead of a
 * transaction's five. A claim that finds the place or turn taken by a simultaneous case fails the
 * insert with nothing written; then read and choose again. After a few lost races (a burst on one
 * team), the last attempt takes the lock before reading, which cannot lose.
 */
export async function withRoutingClaim<T>(attempt: (locked: boolean) => Promise<T>): Promise<T> {
  for (let i = 0; i < CLAIM_ATTEMPTS; i++) {
    try {
      return await attempt(false);
    } catch (err) {
      if (!isRoutingChoiceTaken(err)) throw err;
    }
  }
  return attempt(true);
}

const CLAIM_ATTEMPTS = 3;

/** routing_claim's error: the chosen agent's load or last assignment changed since the read. */
export const isRoutingChoiceTaken = (err: unknown) => (err as { code?: string } | null)?.code === "RC409";

/**
 * Inside the creating transaction, before routing reads: waits for any other creation routing in
 * the same workspace, so two simultaneous cases cannot both take an agent's last free place (or
 * the same round-robin turn). Released at commit. Per workspace rather than per team because the
 * team is known only after the read, and a second read under a team's lock cost a whole
 * statement (bench/ROUTING.md); the lock is held for one read and one insert.
 */
export async function lockRoutingChoice(tx: Executor, workspaceId: string) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`routing:${workspaceId}`}, 0))`.execute(tx);
}
