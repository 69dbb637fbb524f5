import type { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { addBusinessMinutes, businessMinutesBetween, type Calendar, isOpen } from "../hours/calendar.ts";
import { expectationsClock } from "./clock.ts";
import {
  calendarChain,
  caseForExpectation,
  firstRepliesBetween,
  queueAhead,
  recentFirstReplies,
  timezoneFact,
} from "./expectations.repo.ts";
import { formatReplyBy, pickZone } from "./zone.ts";

/**
 * Honest expectations: when will a person reply to this case? The answer is counted in the
 * team's business hours (and its follow-the-sun successors) from how long the team has really
 * been taking lately, so the promise is one the team keeps, never a hopeful one:
 * - the slower of: the 75th percentile of the last cases' first-reply times (in business
 *   minutes), and the queue ahead divided by the recent pace of first replies;
 * - with too little history, a cautious half business day;
 * - rounded up to the quarter hour, as people read times.
 */

export type ReplyReason = "open" | "after_hours" | "busy" | "replied" | "no_hours";
export type Expectation = { by: Date | null; timezone: string; reason: ReplyReason; waitMinutes: number };

const HISTORY = 50;
const MIN_HISTORY = 5;
const CAUTIOUS_MINUTES = 240;
/** A wait longer than this (in business minutes) is worth telling the customer about. */
export const BUSY_MINUTES = 120;
const PACE_WINDOW_MS = 7 * 86_400_000;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
}

function roundUpToQuarter(d: Date): Date {
  const q = 15 * 60_000;
  return new Date(Math.ceil(d.getTime() / q) * q);
}

/** The earliest instant any calendar of the chain has had `minutes` of open time since `from`. */
function earliestAcross(chain: Calendar[], from: Date, minutes: number): Date | null {
  let best: Date | null = null;
  for (const cal of chain) {
    const at = addBusinessMinutes(cal, from, minutes);
    if (at && (!best || at < best)) best = at;
  }
  return best;
}

export async function estimateWaitMinutes(
  scope: TenantScope,
  chain: Calendar[],
  c: { id: string; teamId: string | null; createdAt: Date },
  now: Date,
): Promise<{ minutes: number; measured: boolean }> {
  const home = chain[0] as Calendar;
  const recent = await recentFirstReplies(scope, c.teamId, c.createdAt, HISTORY);
  const measured = recent.length >= MIN_HISTORY;
  const history = measured
    ? Math.ceil(
        percentile(
          recent.map((r) => businessMinutesBetween(home, r.createdAt, r.repliedAt)),
          0.75,
        ),
      )
    : CAUTIOUS_MINUTES;
  // The queue: cases ahead of this one, at the pace the team has been answering them.
  const ahead = await queueAhead(scope, c.teamId, c.id, c.createdAt);
  let queue = 0;
  if (ahead > 0) {
    const from = new Date(now.getTime() - PACE_WINDOW_MS);
    const answered = await firstRepliesBetween(scope, c.teamId, from, now);
    const openMinutes = businessMinutesBetween(home, from, now);
    if (answered >= MIN_HISTORY && openMinutes > 0) queue = Math.ceil((ahead + 1) / (answered / openMinutes));
  }
  return { minutes: Math.max(history, queue, 1), measured: measured || queue > 0 };
}

export async function expectedReply(
  scope: TenantScope,
  caseId: string,
  /** `from`: when the wait starts counting; the case's arrival unless said (the acknowledgement says now). */
  opts: { zoneHint?: string | null; from?: Date } = {},
): Promise<Expectation> {
  const c = await caseForExpectation(scope, caseId);
  if (!c) throw new AppError("not_found", "Case was not found");
  const now = expectationsClock.now();
  const chain = await calendarChain(scope, c.teamId);
  const home = chain[0] as Calendar;
  const timezone = pickZone(await timezoneFact(scope, c.customerId), opts.zoneHint, home.timezone);
  if (c.firstRepliedAt) return { by: null, timezone, reason: "replied", waitMinutes: 0 };
  const { minutes: wait, measured } = await estimateWaitMinutes(scope, chain, c, now);
  const start = opts.from ?? c.createdAt;
  const arrived = start < now ? start : now;
  let by = earliestAcross(chain, arrived, wait);
  if (!by) return { by: null, timezone, reason: "no_hours", waitMinutes: wait };
  // Already late: the honest answer is "as soon as someone is on duty", not a time in the past.
  if (by < now) by = earliestAcross(chain, now, 15) ?? by;
  const onDuty = chain.some((cal) => isOpen(cal, now));
  const reason: ReplyReason = !onDuty ? "after_hours" : measured && wait > BUSY_MINUTES ? "busy" : "open";
  return { by: roundUpToQuarter(by), timezone, reason, waitMinutes: wait };
}

/** The sentence for the customer, or null when there is nothing honest to promise. */
export function replyBySentence(e: Expectation): string | null {
  if (!e.by) return null;
  const when = formatReplyBy(e.by, e.timezone);
  if (e.reason === "after_hours") return `Our team is away right now; a person will reply by ${when}.`;
  if (e.reason === "busy") return `We are busier than usual; a person will reply by ${when}.`;
  return `A person will reply by ${when}.`;
}
