import type {
  ZdAttachment,
  ZdCommentEvent,
  ZdTicketEvent,
} from "../../src/modules/imports/zendesk/zendesk-types.ts";
import type { Dataset } from "./dataset.ts";
import type { UpdateEntry } from "./dataset-delta.ts";
import { HUGE_ATTACHMENT_BYTES, ID, iso, ODD } from "./dataset-ids.ts";
import {
  bigCommentBody,
  CHANNELS,
  EMOJI_BODY,
  escapeHtml,
  HOSTILE_HTML,
  HOSTILE_PLAIN,
  mix,
  pick,
  RTL_ARABIC_BODY,
  RTL_HEBREW_BODY,
  SENTENCES,
  VIA_TEXT,
} from "./dataset-text.ts";
import { baseEventTs, ticketTimes } from "./dataset-tickets.ts";

const ESCAPED_SENTENCES = SENTENCES.map(escapeHtml);

/** Comments of the generated account: ticket events (audits with their comment), the comments endpoint, and attachments. */

/** The text of comment j of ticket id (event e). */
export function commentText(d: Dataset, e: number, id: number, j: number): { body: string; html: string } {
  if (d.isOdd(id, ODD.bigComment) && j === Math.min(1, d.c - 1)) {
    const body = bigCommentBody();
    return { body, html: `<p>${escapeHtml(body)}</p>` };
  }
  if (d.isOdd(id, ODD.emoji) && j === 0) return { body: EMOJI_BODY, html: `<p>${EMOJI_BODY}</p>` };
  if (d.isOdd(id, ODD.rtl) && j === 0) {
    return { body: RTL_ARABIC_BODY, html: `<div dir="rtl"><p>${RTL_ARABIC_BODY}</p></div>` };
  }
  if (d.isOdd(id, ODD.rtl) && j === 1) {
    return { body: RTL_HEBREW_BODY, html: `<div dir="rtl"><p>${RTL_HEBREW_BODY}</p></div>` };
  }
  if (d.isOdd(id, ODD.hostileHtml) && j === 0) return { body: HOSTILE_PLAIN, html: HOSTILE_HTML };
  const a = mix(d.seed, e, 60) % SENTENCES.length;
  const b = mix(d.seed, e, 61) % SENTENCES.length;
  return {
    body: `${SENTENCES[a]}\n\n${SENTENCES[b]}`,
    html: `<div class="zd-comment" dir="auto"><p>${ESCAPED_SENTENCES[a]}</p><p>${ESCAPED_SENTENCES[b]}</p></div>`,
  };
}

export function attachmentOf(d: Dataset, e: number, id: number, j: number): ZdAttachment | null {
  const huge = d.isOdd(id, ODD.hugeAttachment) && j === 0;
  if (!huge && (mix(d.seed, e, 70) % 10_000) / 10_000 >= d.attachmentsRatio) return null;
  const spec = d.attachmentSpec(e, huge);
  const token = `${e.toString(36)}x${(mix(d.seed, e, 71) % 1_000_000).toString(36)}`;
  return {
    id: ID.attachment + e,
    file_name: spec.name,
    content_url: `${d.baseUrl}/attachments/token/${token}/?name=${encodeURIComponent(spec.name)}`,
    content_type: spec.type,
    size: spec.size,
    inline: false,
  };
}

export function attachmentSpecOf(
  d: Dataset,
  e: number,
  huge = false,
): { name: string; type: string; size: number } {
  if (huge) return { name: "huge-scan.pdf", type: "application/pdf", size: HUGE_ATTACHMENT_BYTES };
  const h = mix(d.seed, e, 72);
  switch (h % 3) {
    case 0:
      return { name: `screenshot-${e}.png`, type: "image/png", size: 2048 + (h % 38_000) };
    case 1:
      return { name: `invoice-${e}.pdf`, type: "application/pdf", size: 10_000 + (h % 70_000) };
    default:
      return { name: `log-${e}.txt`, type: "text/plain", size: 200 + (h % 3800) };
  }
}

/** The attachment a content_url token names, or null (unknown or forged token). */
export function attachmentOfToken(
  d: Dataset,
  token: string,
): { name: string; type: string; size: number; event: number } | null {
  const m = /^([0-9a-z]+)x([0-9a-z]+)$/.exec(token);
  if (!m) return null;
  const e = Number.parseInt(m[1] as string, 36);
  if (!(e >= 0 && e < d.nextEvent)) return null;
  if ((mix(d.seed, e, 71) % 1_000_000).toString(36) !== m[2]) return null;
  const where = locateEvent(d, e);
  if (!where || where.update) return null;
  const att = attachmentOf(d, e, where.ticketId, where.j);
  if (!att) return null;
  return { name: att.file_name, type: att.content_type, size: att.size, event: e };
}

/** Which ticket and comment a global event index belongs to. */
export function locateEvent(
  d: Dataset,
  e: number,
): { ticketId: number; j: number; update: UpdateEntry | null } | null {
  if (e < d.baseEvents) return { ticketId: Math.floor(e / d.c) + 1, j: e % d.c, update: null };
  for (const epoch of d.epochs) {
    const u = epoch.updates.find((x) => x.event === e);
    if (u) return { ticketId: u.ticketId, j: -1, update: u };
    const n = e - epoch.newFirstEvent;
    if (n >= 0 && n < epoch.newCount * d.c) {
      return { ticketId: epoch.newFromId + Math.floor(n / d.c), j: n % d.c, update: null };
    }
  }
  return null;
}

export function commentAuthor(d: Dataset, id: number, j: number): { author: number; isPublic: boolean } {
  if (j % 2 === 0) return { author: d.requesterOf(id), isPublic: true };
  const agent = d.assigneeOf(id, "open") ?? d.requesterOf(id);
  return { author: agent, isPublic: mix(d.seed, id * 7 + j, 62) % 5 !== 0 };
}

/** Comment j of a ticket, as the comments endpoint and the comment child event share it. */
export function comment(d: Dataset, e: number, id: number, j: number, ts: number): ZdCommentEvent {
  const { author, isPublic } = commentAuthor(d, id, j);
  const text = commentText(d, e, id, j);
  const att = attachmentOf(d, e, id, j);
  const comment: ZdCommentEvent = {
    id: ID.comment + e,
    event_type: "Comment",
    author_id: author,
    body: text.body,
    html_body: text.html,
    public: j === 0 ? true : isPublic,
    attachments: att ? [att] : [],
    created_at: iso(ts),
  };
  if (d.isOdd(id, ODD.commentWithoutBody) && j === d.c - 1 && j > 0) {
    // Malformed: Zendesk never sends this, but an importer must survive a record like it.
    delete (comment as Partial<ZdCommentEvent>).body;
    delete (comment as Partial<ZdCommentEvent>).html_body;
  }
  return comment;
}

export function updateComment(d: Dataset, u: UpdateEntry): ZdCommentEvent {
  const body = `Following up (${u.event}): ${pick(SENTENCES, d.seed, u.event, 63)}`;
  return {
    id: ID.comment + u.event,
    event_type: "Comment",
    author_id: d.requesterOf(u.ticketId),
    body,
    html_body: `<div class="zd-comment" dir="auto"><p>${escapeHtml(body)}</p></div>`,
    public: true,
    attachments: [],
    created_at: iso(u.ts),
  };
}

/** Global event e of a created ticket: an audit whose children are the comment (and a status on creation). */
export function eventRecord(d: Dataset, e: number): ZdTicketEvent {
  const where = locateEvent(d, e) as { ticketId: number; j: number };
  const ts = eventTs(d, e);
  const id = where.ticketId;
  const children: ZdTicketEvent["child_events"] = [comment(d, e, id, where.j, ts)];
  if (where.j === 0)
    children.push({ id: ID.change + e, event_type: "Create", field_name: "status", value: "new" });
  const channel = pick(CHANNELS, d.seed, id, 44);
  return {
    id: ID.audit + e,
    ticket_id: id,
    timestamp: ts,
    created_at: iso(ts),
    updater_id: (children[0] as ZdCommentEvent).author_id,
    via: VIA_TEXT[channel] ?? "Web form",
    event_type: "Audit",
    child_events: children,
  };
}

export function eventTs(d: Dataset, e: number): number {
  if (e < d.baseEvents) return baseEventTs(d, e);
  for (const epoch of d.epochs) {
    const n = e - epoch.newFirstEvent;
    if (n >= 0 && n < epoch.newCount * d.c) return epoch.newTs0 + n;
  }
  throw new Error(`no event ${e}`);
}

export function updateEvent(d: Dataset, u: UpdateEntry): ZdTicketEvent {
  const child = u.comment
    ? updateComment(d, u)
    : {
        id: ID.change + u.event,
        event_type: "Change",
        field_name: "status",
        value: "solved",
        previous_value: "open",
      };
  return {
    id: ID.audit + u.event,
    ticket_id: u.ticketId,
    timestamp: u.ts,
    created_at: iso(u.ts),
    updater_id: u.comment ? d.requesterOf(u.ticketId) : (d.agentId(0) ?? d.requesterOf(u.ticketId)),
    via: "Web form",
    event_type: "Audit",
    child_events: [child],
  };
}

/** /api/v2/tickets/{id}/comments.json: every comment of the ticket, oldest first. */
export function commentsOf(d: Dataset, id: number): ZdCommentEvent[] {
  const { firstEvent } = ticketTimes(d, id);
  const out: ZdCommentEvent[] = [];
  for (let j = 0; j < d.c; j++) out.push(comment(d, firstEvent + j, id, j, eventTs(d, firstEvent + j)));
  for (const u of d.changes.get(id)?.extraComments ?? []) out.push(updateComment(d, u));
  return out;
}
