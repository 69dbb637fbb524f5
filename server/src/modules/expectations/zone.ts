import { DateTime } from "luxon";
import { isValidZone } from "../hours/calendar.ts";

/**
 * The customer's own time zone, best source first: their `timezone` fact, else a hint from the
 * channel (the offset in their email's Date header, or the zone their browser reports), else
 * the team's. An offset is a fixed zone ("UTC+2"): the best a Date header can tell.
 */
export function pickZone(fact: unknown, hint: string | null | undefined, fallback: string): string {
  if (typeof fact === "string" && fact && isValidZone(fact)) return fact;
  if (hint && isValidZone(hint)) return hint;
  return fallback;
}

/** "Tue, 1 Dec 2026 20:15:00 -0500" → "UTC-5"; null when the header has no usable offset. */
export function zoneOfDateHeader(raw: string | Buffer | null | undefined): string | null {
  if (!raw) return null;
  const text = typeof raw === "string" ? raw : raw.subarray(0, 64 * 1024).toString("latin1");
  const head = text.split(/\r?\n\r?\n/, 1)[0] ?? "";
  const line = /^date:[ \t]*(.*(?:\r?\n[ \t].*)*)/im.exec(head)?.[1];
  const m = line ? /\s([+-])(\d{2})(\d{2})\b/.exec(line) : null;
  if (!m) return null;
  const minutes = (Number(m[2]) * 60 + Number(m[3])) * (m[1] === "-" ? -1 : 1);
  if (Math.abs(minutes) > 14 * 60) return null;
  if (minutes === 0) return "UTC";
  const h = Math.trunc(Math.abs(minutes) / 60);
  const mm = Math.abs(minutes) % 60;
  return `UTC${minutes < 0 ? "-" : "+"}${h}${mm ? `:${String(mm).padStart(2, "0")}` : ""}`;
}

/** The promise as a person reads it, in their zone: "Monday 30 November, 09:00 (Europe/Berlin)". */
export function formatReplyBy(by: Date, zone: string): string {
  const at = DateTime.fromJSDate(by, { zone }).setLocale("en-GB");
  return `${at.toFormat("cccc d LLLL, HH:mm")} (${zone})`;
}
