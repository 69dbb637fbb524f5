import type { ZdTicket } from "../../src/modules/imports/zendesk/zendesk-types.ts";
import type { Dataset } from "./dataset.ts";
import { customTicketField, fieldValue } from "./dataset-catalog.ts";
import { commentText } from "./dataset-comments.ts";
import type { Epoch } from "./dataset-delta.ts";
import {
  ARCHIVE_AFTER,
  DAY,
  ID,
  iso,
  ODD,
  TICKET_SPAN,
  TICKETS_FROM,
  UNKNOWN_STATUS,
} from "./dataset-ids.ts";
import { ratingComment, ratingIndexOf, ratingScore } from "./dataset-ratings.ts";
import {
  CHANNELS,
  EMOJI_SUBJECT,
  LONG_SUBJECT,
  mix,
  pick,
  RTL_SUBJECT,
  SUBJECTS,
  TAGS,
} from "./dataset-text.ts";
import { endUserOrg } from "./dataset-users.ts";

/** Tickets of the generated account: times, status, links, tags, custom fields, as the incremental export serves them. */

export function baseEventTs(d: Dataset, e: number): number {
  return TICKETS_FROM + Math.floor((e * TICKET_SPAN) / Math.max(1, d.baseEvents));
}

export function baseTicketUpdatedTs(d: Dataset, i: number): number {
  return baseEventTs(d, i * d.c - 1);
}

/** Which epoch created ticket `id` (null: the base set). */
export function epochOfNewTicket(d: Dataset, id: number): Epoch | null {
  for (const epoch of d.epochs) {
    if (id >= epoch.newFromId && id < epoch.newFromId + epoch.newCount) return epoch;
  }
  return null;
}

export function ticketIfCurrent(d: Dataset, id: number, seg: number): ZdTicket | null {
  const change = d.changes.get(id);
  if (change && change.seg !== seg) return null;
  return d.ticket(id);
}

/** created/updated times of a ticket as first generated (before any advance() change). */
export function ticketTimes(
  d: Dataset,
  id: number,
): { created: number; updated: number; firstEvent: number } {
  if (id <= d.tickets) {
    const first = (id - 1) * d.c;
    return { created: baseEventTs(d, first), updated: baseTicketUpdatedTs(d, id), firstEvent: first };
  }
  const epoch = epochOfNewTicket(d, id) as Epoch;
  const n = id - epoch.newFromId;
  return {
    created: epoch.newTs0 + n * d.c,
    updated: epoch.newTs0 + n * d.c + d.c - 1,
    firstEvent: epoch.newFirstEvent + n * d.c,
  };
}

export function baseStatus(d: Dataset, id: number): ZdTicket["status"] {
  if (id > d.tickets) return "new";
  const frac = (id - 1) / d.tickets;
  if (frac < 0.7) return "closed";
  if (frac < 0.85) return "solved";
  return pick(["new", "open", "open", "pending", "hold"] as const, d.seed, id, 40);
}

/** Problem/incident links: per 50 tickets, #21 is a problem, #22–24 its incidents, #20 an incident of the next one. */
export function problemLink(
  d: Dataset,
  id: number,
): {
  type: ZdTicket["type"];
  problemId: number | null;
  hasIncidents: boolean;
} {
  const r = id % 50;
  // The last ticket of the set the ticket was made in: a link never depends on later advances.
  const epoch = id > d.tickets ? epochOfNewTicket(d, id) : null;
  const limit = epoch ? epoch.newFromId + epoch.newCount - 1 : d.tickets;
  if (r === 21) return { type: "problem", problemId: null, hasIncidents: true };
  if (r >= 22 && r <= 24) return { type: "incident", problemId: id - r + 21, hasIncidents: false };
  if (r === 20 && id + 1 <= limit) return { type: "incident", problemId: id + 1, hasIncidents: false };
  return {
    type: pick(["question", "question", "task", null] as const, d.seed, id, 43),
    problemId: null,
    hasIncidents: false,
  };
}

export function ticketRecord(d: Dataset, id: number): ZdTicket {
  const times = ticketTimes(d, id);
  const change = d.changes.get(id);
  let status = change?.status ?? baseStatus(d, id);
  const link = problemLink(d, id);
  const requester = d.requesterOf(id);
  const assignee = d.assigneeOf(id, status);
  const channel = pick(CHANNELS, d.seed, id, 44);
  const r = ratingIndexOf(d, id);
  let subject = pick(SUBJECTS, d.seed, id, 45);
  if (d.isOdd(id, ODD.emoji)) subject = EMOJI_SUBJECT;
  if (d.isOdd(id, ODD.rtl)) subject = RTL_SUBJECT;
  if (d.isOdd(id, ODD.longSubject)) subject = LONG_SUBJECT;
  if (d.isOdd(id, ODD.deleted)) status = "deleted";
  if (d.isOdd(id, ODD.unknownStatus)) status = UNKNOWN_STATUS as ZdTicket["status"];
  const updatedTs = change?.ts ?? times.updated;
  // Zendesk also sends url and generated_timestamp (the export's own order key), which the
  // contract does not type; served so a client that reads them finds them.
  const ticket: ZdTicket & { url: string; generated_timestamp: number } = {
    url: `${d.baseUrl}/api/v2/tickets/${id}.json`,
    id,
    external_id: id % 10 === 0 ? `legacy-${id}` : null,
    via: { channel, source: { from: {}, to: {}, rel: null } },
    created_at: iso(times.created),
    updated_at: iso(updatedTs),
    type: link.type,
    subject,
    description: commentText(d, times.firstEvent, id, 0).body,
    priority: pick(["urgent", "high", "normal", "normal", "low", null] as const, d.seed, id, 46),
    status,
    requester_id: d.isOdd(id, ODD.nullRequester) ? null : requester,
    submitter_id: requester,
    assignee_id: assignee,
    organization_id: endUserOrg(d, requester - d.endUserId(0)),
    group_id: d.groups === 0 ? null : ID.group + 1 + (mix(d.seed, id, 47) % d.groups),
    collaborator_ids: id % 9 === 0 ? [d.endUserId(1 + ((id + 1) % d.endUsers))] : [],
    problem_id: link.problemId,
    has_incidents: link.hasIncidents,
    due_at: link.type === "task" ? iso(times.created + 7 * DAY) : null,
    tags: change ? [...baseTags(d, id), ...change.tags] : baseTags(d, id),
    custom_fields: Array.from({ length: d.ticketFieldCount }, (_, i) => {
      const f = customTicketField(i);
      return { id: f.id, value: fieldValue(f.type, d.seed, id * 13 + i) };
    }),
    satisfaction_rating:
      r === null
        ? null
        : ratingScore(d, r) === "good" || ratingScore(d, r) === "bad"
          ? { id: ID.rating + r + 1, score: ratingScore(d, r), comment: ratingComment(d, r) }
          : { score: ratingScore(d, r) },
    is_archived: status === "closed" && updatedTs < d.baseNow - ARCHIVE_AFTER,
    generated_timestamp: updatedTs,
  };
  return ticket;
}

export function baseTags(d: Dataset, id: number): string[] {
  const n = mix(d.seed, id, 48) % 3;
  const tags: string[] = [];
  for (let t = 0; t < n; t++) tags.push(pick(TAGS, d.seed, id * 3 + t, 49));
  return [...new Set(tags)];
}
