import type { ZdSatisfactionRating } from "../../src/modules/imports/zendesk/zendesk-types.ts";
import type { Dataset } from "./dataset.ts";
import { ID } from "./dataset-ids.ts";
import { mix } from "./dataset-text.ts";

/** Satisfaction ratings of the generated account: which tickets carry one, and its score and comment. */

export function ratingIndexOf(d: Dataset, id: number): number | null {
  if (d.ratingCount === 0 || id > d.tickets) return null;
  const r = Math.ceil(((id - 1) * d.ratingCount) / d.tickets);
  return r < d.ratingCount && ratingTicket(d, r) === id ? r : null;
}

export function ratingTicket(d: Dataset, r: number): number {
  return 1 + Math.floor((r * d.tickets) / d.ratingCount);
}

export function ratingScore(d: Dataset, r: number): ZdSatisfactionRating["score"] {
  const h = mix(d.seed, r, 50) % 10;
  return h < 5 ? "good" : h < 7 ? "bad" : h < 9 ? "offered" : "unoffered";
}

export function ratingComment(d: Dataset, r: number): string | null {
  return ratingScore(d, r) === "bad"
    ? "Took three days to get an answer."
    : r % 2 === 0
      ? "Great help, thanks!"
      : null;
}

export function ratingRecord(d: Dataset, r: number): ZdSatisfactionRating {
  const ticketId = ratingTicket(d, r);
  const t = d.ticket(ticketId);
  const score = ratingScore(d, r);
  const answered = score === "good" || score === "bad";
  return {
    id: ID.rating + r + 1,
    ticket_id: ticketId,
    requester_id: d.requesterOf(ticketId),
    assignee_id: t.assignee_id,
    group_id: t.group_id,
    score,
    comment: answered ? ratingComment(d, r) : null,
    reason: score === "bad" ? "The issue took too long to resolve" : null,
    created_at: t.updated_at,
    updated_at: t.updated_at,
  };
}
