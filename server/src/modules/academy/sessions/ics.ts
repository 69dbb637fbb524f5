import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";

/**
 * A live session as a calendar invite. The UID is stable per session, so calendars replace the
 * event when a changed time or a cancellation arrives; SEQUENCE is the session's
 * schedule_version, so the newest notice wins even if mail arrives out of order.
 */
export type IcsSession = {
  id: string;
  title: string;
  description: string;
  startsAt: Date;
  durationMinutes: number;
  joinUrl: string | null;
  scheduleVersion: number;
  pageUrl: string;
};

export const sessionUid = (sessionId: string) => `academy-session-${sessionId}@rapport`;

export function sessionIcs(session: IcsSession, method: "REQUEST" | "CANCEL"): string {
  const cal = ical({
    prodId: { company: "Rapport", product: "Academy", language: "EN" },
    method: method === "CANCEL" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  const where = session.joinUrl ?? session.pageUrl;
  cal.createEvent({
    id: sessionUid(session.id),
    sequence: session.scheduleVersion,
    // Dates go out in UTC (DTSTART:…Z): every calendar shows them in its owner's zone.
    start: session.startsAt,
    end: new Date(session.startsAt.getTime() + session.durationMinutes * 60_000),
    summary: session.title,
    description: [session.description, `Join: ${where}`].filter(Boolean).join("\n\n"),
    location: where,
    url: where,
    status: method === "CANCEL" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return cal.toString();
}
