import { type Calendar, openIntervals } from "../hours/calendar.ts";

/**
 * Whether a team's calendar is open at `now`, remembered until it next opens or closes (and for
 * a minute at most). Routing asks this for every team a new case could go to, and the answer
 * costs luxon zone arithmetic: about 0.2 ms per team on the bench machine (bench/ROUTING.md), on
 * every case, for an answer that changes a few times a day.
 *
 * Keyed by the calendar's content, not its team: a calendar that changes is a new key, so there is
 * nothing to forget when business hours are edited. `now` going backwards (tests pinning a clock)
 * misses rather than answering from the future.
 */
const MAX_MS = 60_000;
const MAX_ENTRIES = 1_000;
const memo = new Map<string, { open: boolean; from: number; until: number }>();

export function isOpenNow(cal: Calendar, now: Date): boolean {
  const key = `${cal.timezone}|${JSON.stringify(cal.periods)}|${cal.holidays.join(",")}`;
  const at = now.getTime();
  const hit = memo.get(key);
  if (hit && at >= hit.from && at < hit.until) return hit.open;
  // The first open stretch from now: open if it starts now (then good until it ends), else
  // closed until it starts; none within the horizon means closed for good.
  const first = openIntervals(cal, now).next();
  const open = !first.done && first.value.start.getTime() === at;
  const boundary = first.done
    ? Number.POSITIVE_INFINITY
    : (open ? first.value.end : first.value.start).getTime();
  if (memo.size >= MAX_ENTRIES) memo.clear();
  memo.set(key, { open, from: at, until: Math.min(boundary, at + MAX_MS) });
  return open;
}
