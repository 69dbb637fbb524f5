import type { Selectable } from "kysely";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { iso } from "../../platform/http/route-kit.ts";
import { ALWAYS_OPEN, type Calendar, isOpen } from "./calendar.ts";
import type { BusinessCalendarsTable } from "./schema-hours.ts";

export type CalendarRow = Selectable<BusinessCalendarsTable>;

export function listCalendars(scope: TenantScope) {
  return scope.selectFrom("business_calendars").selectAll().orderBy("name").execute();
}

export function findCalendar(scope: TenantScope, id: string) {
  return scope.selectFrom("business_calendars").selectAll().where("id", "=", id).executeTakeFirst();
}

export function toCalendar(r: Pick<CalendarRow, "timezone" | "periods" | "holidays">): Calendar {
  return { timezone: r.timezone, periods: r.periods, holidays: r.holidays };
}

/**
 * The calendar SLA time is counted in for a team: the team's own, else the workspace default,
 * else always open. One query.
 */
export async function calendarForTeam(scope: TenantScope, teamId: string | null): Promise<Calendar> {
  const rows = await scope
    .selectFrom("business_calendars")
    .select(["team_id", "timezone", "periods", "holidays"])
    .where((eb) =>
      teamId ? eb.or([eb("team_id", "=", teamId), eb("team_id", "is", null)]) : eb("team_id", "is", null),
    )
    .execute();
  const row = rows.find((r) => r.team_id !== null) ?? rows[0];
  return row ? toCalendar(row) : ALWAYS_OPEN;
}

export function presentCalendar(r: CalendarRow, now = new Date()) {
  return {
    id: r.id,
    name: r.name,
    teamId: r.team_id,
    timezone: r.timezone,
    periods: r.periods,
    holidays: r.holidays,
    followOnId: r.follow_on_id,
    openNow: isOpen(toCalendar(r), now),
    createdAt: iso(r.created_at as unknown as Date),
    updatedAt: iso(r.updated_at as unknown as Date),
  };
}
