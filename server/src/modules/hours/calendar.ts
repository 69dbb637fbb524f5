import { DateTime } from "luxon";

/**
 * Business-hour arithmetic: when is a team open, and when will N minutes of its open time have
 * passed? Everything the SLA clock, routing (who is on duty) and the honest "we will reply by"
 * need, in one place, as pure functions of a calendar.
 *
 * Periods are wall-clock times in the calendar's own zone, so "09:00–17:00" stays 09:00–17:00
 * across daylight-saving changes: the day the clocks go forward has one hour less of night, not
 * of business. Luxon does the zone arithmetic (IANA zones from the platform's Intl data); a
 * local time that does not exist (02:30 on the spring-forward night) moves forward to the next
 * one that does, and an ambiguous one (the repeated hour in autumn) takes the earlier instant.
 */

/** day: 0 = Sunday … 6 = Saturday; start/end "HH:MM", end after start, "24:00" allowed as end. */
export type WeeklyPeriod = { day: number; start: string; end: string };
/** A whole local date, "YYYY-MM-DD", on which the calendar is closed. */
export type Holiday = string;
export type Calendar = { timezone: string; periods: WeeklyPeriod[]; holidays: Holiday[] };
/** An open stretch of time, as instants [start, end). */
export type Interval = { start: Date; end: Date };

/** How far ahead a search for open time looks before deciding the calendar is never open. */
const HORIZON_DAYS = 400;

export function isValidZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h as number) * 60 + (m as number);
}

/** The open intervals of one local date (midnight in the zone), merged and in order. */
function intervalsOfDay(cal: Calendar, day: DateTime, holidays: Set<string>): Interval[] {
  if (holidays.has(day.toISODate() as string)) return [];
  const weekday = day.weekday % 7; // luxon: 1 = Monday … 7 = Sunday
  const out: Interval[] = [];
  for (const p of cal.periods) {
    if (p.day !== weekday) continue;
    const at = (minutes: number) =>
      day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 });
    const endMinutes = minutesOf(p.end);
    const start = at(minutesOf(p.start));
    const end = endMinutes >= 24 * 60 ? day.plus({ days: 1 }).startOf("day") : at(endMinutes);
    if (end > start) out.push({ start: start.toJSDate(), end: end.toJSDate() });
  }
  out.sort((a, b) => a.start.getTime() - b.start.getTime());
  const merged: Interval[] = [];
  for (const i of out) {
    const last = merged.at(-1);
    if (last && i.start.getTime() <= last.end.getTime()) {
      if (i.end > last.end) last.end = i.end;
    } else merged.push({ ...i });
  }
  return merged;
}

/**
 * Open intervals from `from` onwards, clipped to start no earlier than `from`, day by day,
 * until `until` (or the horizon). A generator, so a caller stops as soon as it has enough.
 */
export function* openIntervals(cal: Calendar, from: Date, until?: Date): Generator<Interval> {
  if (cal.periods.length === 0) return;
  const holidays = new Set(cal.holidays);
  // Start a day early: a period of the previous local date can still be open (none cross
  // midnight today, but a zone far from UTC makes "the day of `from`" ambiguous).
  let day = DateTime.fromJSDate(from, { zone: cal.timezone }).startOf("day").minus({ days: 1 });
  const last = until ?? new Date(from.getTime() + HORIZON_DAYS * 86_400_000);
  for (let n = 0; n <= HORIZON_DAYS + 2; n++, day = day.plus({ days: 1 })) {
    if (day.toJSDate() > last) return;
    for (const i of intervalsOfDay(cal, day, holidays)) {
      if (i.end <= from) continue;
      const start = i.start < from ? from : i.start;
      if (until && start >= until) return;
      yield { start, end: until && i.end > until ? until : i.end };
    }
  }
}

export function isOpen(cal: Calendar, at: Date): boolean {
  const first = openIntervals(cal, at, new Date(at.getTime() + 1)).next();
  return !first.done && first.value.start.getTime() === at.getTime();
}

/** The first instant at or after `from` when the calendar is open; null if it never is. */
export function nextOpening(cal: Calendar, from: Date): Date | null {
  const first = openIntervals(cal, from).next();
  return first.done ? null : first.value.start;
}

/**
 * The instant at which `minutes` of open time will have passed since `from` (an SLA due time).
 * Null when the calendar has no open time within the horizon (no periods, or all holidays).
 */
export function addBusinessMinutes(cal: Calendar, from: Date, minutes: number): Date | null {
  let left = Math.max(0, minutes) * 60_000;
  for (const i of openIntervals(cal, from)) {
    const length = i.end.getTime() - i.start.getTime();
    if (left <= length) return new Date(i.start.getTime() + left);
    left -= length;
  }
  return null;
}

/** Open minutes between two instants (how much of an SLA clock ran); 0 if `to` is not later. */
export function businessMinutesBetween(cal: Calendar, from: Date, to: Date): number {
  if (to <= from) return 0;
  let ms = 0;
  for (const i of openIntervals(cal, from, to)) ms += i.end.getTime() - i.start.getTime();
  return ms / 60_000;
}

/** A calendar open all the time: what an SLA counts in when no business hours are set. */
export const ALWAYS_OPEN: Calendar = {
  timezone: "UTC",
  periods: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: "00:00", end: "24:00" })),
  holidays: [],
};
