import type { ZdTicket } from "../../src/modules/imports/zendesk/zendesk-types.ts";
import type { Dataset } from "./dataset.ts";
import { updateEvent } from "./dataset-comments.ts";
import { ticketIfCurrent } from "./dataset-tickets.ts";
import { rangeSegment } from "./streams.ts";

/** Delta sync: advance() moves the account's clock and records changed and new tickets, which the next incremental request returns. */

/** What advance() added: one entry per change event on an existing ticket. */
export interface UpdateEntry {
  ticketId: number;
  ts: number;
  /** Global event index (ids of the audit, comment, attachment follow from it). */
  event: number;
  comment: boolean;
}

export interface Epoch {
  updates: UpdateEntry[];
  /** Tickets whose latest change is in this epoch, ordered by that time. */
  updatedTickets: Array<{ id: number; ts: number }>;
  newFromId: number;
  newCount: number;
  /** Global index of the first event of the new tickets. */
  newFirstEvent: number;
  newTs0: number;
}

export interface TicketChange {
  /** Index of the ticket segment holding its latest version. */
  seg: number;
  ts: number;
  status: ZdTicket["status"];
  tags: string[];
  extraComments: UpdateEntry[];
}

export interface AdvanceInput {
  newTickets?: number;
  /** Existing tickets to change (not closed ones: Zendesk does not let closed tickets change). */
  updatedTickets?: number[];
  /** New comments, spread over updatedTickets (or the first updatable tickets if none). */
  newComments?: number;
}

/** Tickets an advance() may change: neither closed, deleted, nor one of the odd ones. */
export function updatableTickets(d: Dataset, n: number): number[] {
  const out: number[] = [];
  for (let id = d.nextTicketId - 1; id >= 1 && out.length < n; id--) {
    if (d.odd && id <= 11) continue;
    const status = d.ticket(id).status;
    if (status !== "closed" && status !== "deleted") out.unshift(id);
  }
  return out;
}

/**
 * Moves the account's clock an hour on and records changes made in that hour: updated tickets
 * (a status change, or the new comments) and new tickets with their comments. The next
 * incremental request after a stored cursor or end_time returns these and nothing older.
 */
export function advanceDataset(
  d: Dataset,
  input: AdvanceInput,
): { newTicketIds: number[]; updatedTicketIds: number[] } {
  const newCount = input.newTickets ?? 0;
  const newComments = input.newComments ?? 0;
  let targets = input.updatedTickets ?? [];
  if (targets.length === 0 && newComments > 0) targets = d.updatableTicketIds(Math.min(newComments, 10));
  for (const id of targets) {
    if (!d.exists(id)) throw new Error(`advance: ticket ${id} does not exist`);
    const status = d.ticket(id).status;
    if (status === "closed" || status === "deleted") {
      throw new Error(
        `advance: ticket ${id} is ${status}; Zendesk does not let it change (pick from updatableTicketIds)`,
      );
    }
  }
  const start = d.now + 3600;
  const updates: UpdateEntry[] = [];
  const withComment = new Set<number>();
  const count = Math.max(targets.length, newComments);
  for (let n = 0; n < count; n++) {
    const ticketId = targets[n % targets.length] as number;
    const comment = n < newComments;
    if (comment) withComment.add(ticketId);
    updates.push({ ticketId, ts: start + n, event: d.nextEvent++, comment });
  }
  const seg = d.ticketSegments.length;
  const lastTs = new Map<number, number>();
  for (const u of updates) lastTs.set(u.ticketId, u.ts);
  const updatedTickets = [...lastTs].map(([id, ts]) => ({ id, ts })).sort((a, b) => a.ts - b.ts);
  for (const { id, ts } of updatedTickets) {
    const prev = d.changes.get(id);
    d.changes.set(id, {
      seg,
      ts,
      status: withComment.has(id) ? "open" : "solved",
      tags: [...(prev?.tags ?? []), `delta_${d.epochs.length + 1}`],
      extraComments: [
        ...(prev?.extraComments ?? []),
        ...updates.filter((u) => u.ticketId === id && u.comment),
      ],
    });
  }
  const epoch: Epoch = {
    updates,
    updatedTickets,
    newFromId: d.nextTicketId,
    newCount,
    newFirstEvent: d.nextEvent,
    newTs0: start + count + 1,
  };
  d.nextEvent += newCount * d.c;
  d.nextTicketId += newCount;
  d.epochs.push(epoch);
  d.now = epoch.newTs0 + newCount * d.c + 60;
  d.ticketSegments.push(
    rangeSegment(
      updatedTickets.length,
      (pos) => (updatedTickets[pos] as { ts: number }).ts,
      (pos) => ticketIfCurrent(d, (updatedTickets[pos] as { id: number }).id, seg),
    ),
    rangeSegment(
      newCount,
      (pos) => epoch.newTs0 + pos * d.c + d.c - 1,
      (pos) => ticketIfCurrent(d, epoch.newFromId + pos, seg + 1),
    ),
  );
  d.eventSegments.push(
    rangeSegment(
      updates.length,
      (pos) => (updates[pos] as UpdateEntry).ts,
      (pos) => updateEvent(d, updates[pos] as UpdateEntry),
    ),
    rangeSegment(
      newCount * d.c,
      (pos) => epoch.newTs0 + pos,
      (pos) => d.event(epoch.newFirstEvent + pos),
    ),
  );
  return {
    newTicketIds: Array.from({ length: newCount }, (_, n) => epoch.newFromId + n),
    updatedTicketIds: updatedTickets.map((t) => t.id),
  };
}
