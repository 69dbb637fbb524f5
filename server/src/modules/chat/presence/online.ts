import { type Calendar, isOpen } from "../../hours/calendar.ts";
import type { ChatAgentRow } from "../capacity/chat-agents.repo.ts";

/** Seen within this long (two heartbeats) counts as connected. */
export const ONLINE_WINDOW_MS = 2 * 60_000;

/**
 * Online for chat: a staff socket seen within two minutes, routing status 'available', and
 * (when they have hours) within them. Hours follow routing's rule: an agent is off only when
 * every one of their teams has a calendar and all of them are closed.
 */
export function isOnlineForChat(agent: ChatAgentRow, calendars: Map<string, Calendar>, now: Date): boolean {
  if (!agent.lastSeenAt || now.getTime() - new Date(agent.lastSeenAt).getTime() > ONLINE_WINDOW_MS)
    return false;
  if (agent.status !== "available") return false;
  const teams = agent.teamIds;
  if (teams.length === 0) return true;
  return !teams.every((t) => {
    const cal = calendars.get(t);
    return cal !== undefined && !isOpen(cal, now);
  });
}

export function hasFreeChatPlace(agent: ChatAgentRow): boolean {
  return agent.active < agent.capacity;
}
