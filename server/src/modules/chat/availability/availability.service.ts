import type { WidgetAvailability } from "../../../../../contracts/widget.ts";
import type { AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { ALWAYS_OPEN, type Calendar, isOpen, nextOpening } from "../../hours/calendar.ts";
import { toCalendar } from "../../hours/hours.repo.ts";
import { listChatAgents, teamCalendars } from "../capacity/chat-agents.repo.ts";
import { hasFreeChatPlace, isOnlineForChat } from "../presence/online.ts";
import type { WidgetRow } from "../widget.repo.ts";
import { medianFirstReplySeconds, widgetCalendar } from "./availability.repo.ts";
import { cachedAvailability, rememberAvailability } from "./availability-cache.ts";

type Ctx = Pick<AppContext, "db">;

/**
 * Honest availability for the widget: available when the widget's business hours are open
 * (no calendar: always) AND at least one online agent (of the widget's team, when it has one)
 * has a free chat place. Available → the expected wait from recent chats; closed → when the
 * hours open next. Cached per workspace for a few seconds (availability-cache.ts). The widget
 * is found by its key (and held to its allowed origins) by the route, as widget-server does.
 */
export async function widgetAvailability(
  ctx: Ctx,
  widget: Pick<WidgetRow, "workspace_id" | "team_id" | "business_calendar_id">,
  now = new Date(),
): Promise<WidgetAvailability> {
  const hit = cachedAvailability(widget.workspace_id, now.getTime());
  if (hit) return hit;
  const scope = new TenantScope(ctx.db, widget.workspace_id);
  const value = await computeAvailability(
    scope,
    { teamId: widget.team_id, calendarId: widget.business_calendar_id },
    now,
  );
  rememberAvailability(widget.workspace_id, value, now.getTime());
  return value;
}

async function computeAvailability(
  scope: TenantScope,
  widget: { teamId: string | null; calendarId: string | null },
  now: Date,
): Promise<WidgetAvailability> {
  const row = widget.calendarId ? await widgetCalendar(scope, widget.calendarId) : undefined;
  const calendar: Calendar = row ? toCalendar(row) : ALWAYS_OPEN;
  const [agents, calendars] = await Promise.all([
    listChatAgents(scope, { teamId: widget.teamId }),
    teamCalendars(scope),
  ]);
  const online = agents.filter((a) => isOnlineForChat(a, calendars, now));
  if (!isOpen(calendar, now)) {
    const next = nextOpening(calendar, now);
    return {
      available: false,
      expectedWaitSeconds: null,
      nextAvailableAt: next ? next.toISOString() : null,
      agentsOnline: online.length,
    };
  }
  if (!online.some(hasFreeChatPlace)) {
    // The widget's hours are open but nobody is free. When the widget's team is outside its own
    // hours, that is when someone will be back; otherwise it is not known, so none is promised.
    const teamCalendar = widget.teamId ? calendars.get(widget.teamId) : undefined;
    const back = teamCalendar && !isOpen(teamCalendar, now) ? nextOpening(teamCalendar, now) : null;
    return {
      available: false,
      expectedWaitSeconds: null,
      nextAvailableAt: back ? back.toISOString() : null,
      agentsOnline: online.length,
    };
  }
  return {
    available: true,
    expectedWaitSeconds: await medianFirstReplySeconds(scope),
    nextAvailableAt: null,
    agentsOnline: online.length,
  };
}
