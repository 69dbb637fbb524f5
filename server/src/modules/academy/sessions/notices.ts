import type { AppContext } from "../../../platform/context.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { queueMail } from "../../../platform/mail/outbox.ts";
import { workspaceUrl } from "../../workspaces/workspace-url.ts";
import { findWorkspaceById } from "../../workspaces/workspaces.repo.ts";
import { sessionIcs } from "./ics.ts";
import { customerMailbox, type SessionRow } from "./sessions.repo.ts";
import { bothTimes } from "./times.ts";

/**
 * What registered customers are told, written to the outbox in the caller's transaction (so a
 * notice exists exactly when the change it announces was committed). Times are stated in the
 * host's zone and in UTC; the attached .ics carries the UTC instant for the reader's calendar.
 */
export type NoticeKind =
  | "confirmed"
  | "waitlisted"
  | "promoted"
  | "changed"
  | "cancelled"
  | "reminder24h"
  | "reminder1h";
type Ctx = Pick<AppContext, "boss" | "config" | "log" | "db">;

const SUBJECTS: Record<NoticeKind, string> = {
  confirmed: "You're registered",
  waitlisted: "You're on the waitlist",
  promoted: "A seat opened up: you're registered",
  changed: "New time",
  cancelled: "Cancelled",
  reminder24h: "Tomorrow",
  reminder1h: "Starting in one hour",
};

const OPENINGS: Record<NoticeKind, string> = {
  confirmed: "Your seat is confirmed. The invite attached adds it to your calendar.",
  waitlisted:
    "The session is full, so you are on the waitlist. If a seat frees up it goes to the first person waiting, and we will write to you.",
  promoted:
    "A seat freed up and it is yours: you are now registered. The invite attached adds it to your calendar.",
  changed: "The session has moved to a new time. The invite attached updates your calendar.",
  cancelled:
    "This session has been cancelled. The attached notice removes it from your calendar. We are sorry for the change.",
  reminder24h: "A reminder: your live session starts in about 24 hours.",
  reminder1h: "A reminder: your live session starts in about one hour.",
};

/** Queues one notice to one customer; a customer without a deliverable email is skipped. */
export async function tellCustomer(
  ctx: Ctx,
  scope: TenantScope,
  session: SessionRow,
  customerId: string,
  kind: NoticeKind,
  opts: { confirmed: boolean } = { confirmed: true },
): Promise<boolean> {
  const to = await customerMailbox(scope, customerId);
  if (!to) return false;
  const base = await workspaceUrl({ db: scope.db, config: ctx.config }, scope.workspaceId);
  const workspace = (await findWorkspaceById(scope.db, scope.workspaceId))?.name ?? "Rapport";
  const pageUrl = `${base}/academy/sessions/${session.slug}`;
  // Only a held seat gets a calendar entry; the waitlisted are told in words.
  const method = kind === "cancelled" ? "CANCEL" : "REQUEST";
  const withInvite = opts.confirmed && kind !== "waitlisted" && !kind.startsWith("reminder");
  const ics = withInvite
    ? sessionIcs(
        {
          id: session.id,
          title: session.title,
          description: session.description,
          startsAt: session.starts_at,
          durationMinutes: session.duration_minutes,
          joinUrl: session.join_url,
          scheduleVersion: session.schedule_version,
          pageUrl,
        },
        method,
      )
    : null;
  const lines = [
    `Hello ${to.name},`,
    "",
    OPENINGS[kind],
    "",
    session.title,
    `When: ${bothTimes(session.starts_at, session.host_time_zone)}`,
    `Length: ${session.duration_minutes} minutes`,
  ];
  if (opts.confirmed && session.join_url && kind !== "cancelled") lines.push(`Join: ${session.join_url}`);
  lines.push(`Details: ${pageUrl}`);
  if (kind !== "cancelled")
    lines.push(`Change of plans? Cancel your seat in the portal: ${base}/portal/academy/sessions`);
  lines.push("", `— ${workspace} Academy`);
  await queueMail(ctx, scope, {
    kind: "notification",
    to: to.email,
    subject: `${SUBJECTS[kind]}: ${session.title}`,
    text: lines.join("\n"),
    ...(ics
      ? {
          headers: {
            calendar: { method, filename: method === "CANCEL" ? "cancel.ics" : "invite.ics", content: ics },
          },
        }
      : {}),
  });
  return true;
}
