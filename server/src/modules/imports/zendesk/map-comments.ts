import type { Skip } from "./writer.ts";
import type { ZdAttachment, ZdCommentEvent, ZdTicketEvent } from "./zendesk-types.ts";

export interface MappedComment {
  externalId: string;
  ticketId: string;
  authorId: string;
  body: string;
  html: string | null;
  public: boolean;
  attachments: ZdAttachment[];
  createdAt: string;
}

/**
 * The comments of a page of ticket events: the child events of type "Comment" (Zendesk's other
 * child events, such as field changes, are not messages and are passed over without a report).
 * A comment missing what a message needs is reported. Its time is the comment's own, else the
 * audit's. Each comment once, by id (an export may list an audit twice).
 */
export function commentsOf(events: ZdTicketEvent[]): { comments: MappedComment[]; skips: Skip[] } {
  const comments = new Map<string, MappedComment>();
  const skips: Skip[] = [];
  for (const e of events) {
    if (!e || !Array.isArray(e.child_events)) {
      skips.push({
        externalId: String(e?.id ?? "?"),
        outcome: "skipped",
        reason: "ticket event without child events",
      });
      continue;
    }
    for (const child of e.child_events) {
      if (child?.event_type !== "Comment") continue;
      const c = child as ZdCommentEvent;
      const externalId = String(c.id ?? "?");
      const body = typeof c.body === "string" ? c.body : typeof c.html_body === "string" ? "" : null;
      const at =
        typeof c.created_at === "string" && !Number.isNaN(Date.parse(c.created_at))
          ? c.created_at
          : e.created_at;
      if (typeof c.id !== "number" || !(c.id > 0))
        skips.push({ externalId, outcome: "skipped", reason: "comment without a valid id" });
      else if (typeof e.ticket_id !== "number")
        skips.push({ externalId, outcome: "skipped", reason: "comment without a ticket" });
      else if (body === null)
        skips.push({ externalId, outcome: "skipped", reason: "comment without a body" });
      else if (typeof at !== "string" || Number.isNaN(Date.parse(at)))
        skips.push({ externalId, outcome: "skipped", reason: "comment without a valid time" });
      else
        comments.set(externalId, {
          externalId,
          ticketId: String(e.ticket_id),
          authorId: String(c.author_id ?? e.updater_id ?? ""),
          body,
          html: typeof c.html_body === "string" && c.html_body ? c.html_body : null,
          public: c.public !== false,
          attachments: Array.isArray(c.attachments) ? c.attachments : [],
          createdAt: at,
        });
    }
  }
  return { comments: [...comments.values()], skips };
}
