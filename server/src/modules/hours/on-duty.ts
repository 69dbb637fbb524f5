import type { TenantScope } from "../../platform/db/tenant.ts";
import { isOpen } from "./calendar.ts";
import { type CalendarRow, toCalendar } from "./hours.repo.ts";

/**
 * Follow-the-sun: starting from `calendarId`, the first calendar in its follow-on chain that is
 * open at `at` (the one whose team is on duty). Null when nobody in the chain is open. The
 * chain is refused with cycles when written, but a visited set keeps this safe regardless.
 */
export async function onDutyCalendar(
  scope: TenantScope,
  calendarId: string,
  at: Date = new Date(),
): Promise<CalendarRow | null> {
  const all = await scope.selectFrom("business_calendars").selectAll().execute();
  const byId = new Map(all.map((c) => [c.id, c]));
  const seen = new Set<string>();
  let current = byId.get(calendarId);
  while (current && !seen.has(current.id)) {
    if (isOpen(toCalendar(current), at)) return current;
    seen.add(current.id);
    current = current.follow_on_id ? byId.get(current.follow_on_id) : undefined;
  }
  return null;
}

/** Whether pointing `id` at `followOnId` would close a loop in the chain. */
export function makesCycle(rows: Pick<CalendarRow, "id" | "follow_on_id">[], id: string, followOnId: string) {
  const next = new Map(rows.map((r) => [r.id, r.follow_on_id]));
  next.set(id, followOnId);
  const seen = new Set<string>();
  let cur: string | null | undefined = id;
  while (cur) {
    if (seen.has(cur)) return true;
    seen.add(cur);
    cur = next.get(cur);
  }
  return false;
}
