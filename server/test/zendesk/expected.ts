import { type Dataset, ODD, UNKNOWN_STATUS } from "./dataset.ts";

/** A record the importer must not import, and the fake's reason (importers word their own). */
export interface ExpectedSkip {
  resource: "users" | "tickets" | "ticket_events" | "user_fields" | "macros" | "satisfaction_ratings";
  externalId: string;
  reason: string;
}

/**
 * Walks every record once (no list kept): milliseconds for test sizes, seconds for a million.
 * What an importer should end up with, computed from the dataset (never a stored list), so
 * importer tests assert against these numbers instead of magic ones. The counts assume the
 * importer's documented decisions (issue #24 briefs): deleted tickets, unknown statuses and
 * tickets without a requester are skipped; comments of skipped tickets and comments without a
 * body are skipped; archived tickets are imported; attachments above the 5 MB inbound limit
 * are skipped; unanswered ratings (offered, unoffered), ratings of skipped tickets and inactive
 * macros are skipped. `skips` lists records only: the extras' per-field notes (unmapped macro
 * placeholders and actions) are not in it. Where an importer decides otherwise, the
 * breakdowns give what it needs.
 */
export interface Expected {
  users: {
    total: number;
    endUsers: number;
    staff: number;
    /** active false: soft-deleted (data kept) and permanently deleted (scrubbed). */
    softDeleted: number[];
    permanentlyDeleted: number[];
    identities: number;
  };
  organizations: { total: number; deleted: number[] };
  groups: { total: number; deleted: number[] };
  ticketFields: { total: number; system: number; custom: number };
  userFields: { total: number; unmappable: Array<{ id: number; key: string; type: string }> };
  organizationFields: { total: number };
  tickets: {
    /** Everything the incremental export returns. */
    total: number;
    importable: number;
    archived: number;
    deleted: number[];
    unknownStatus: number[];
    withoutRequester: number[];
    problems: number;
    incidents: number;
  };
  comments: {
    total: number;
    importable: number;
    /** Comments whose ticket is skipped. */
    ofSkippedTickets: number;
    withoutBody: number[];
    private: number;
  };
  attachments: { total: number; importable: number; importableBytes: number; overLimit: number[] };
  /** answered: good or bad on an imported ticket (becomes a survey response); the rest are skipped. */
  satisfactionRatings: { total: number; answered: number; unanswered: number; ofSkippedTickets: number };
  macros: { total: number; inactive: number[] };
  hc: { categories: number; sections: number; articles: number; translations: number };
  skips: ExpectedSkip[];
}

const ATTACHMENT_LIMIT = 5 * 1024 * 1024;

export function expectedOf(d: Dataset): Expected {
  const skips: ExpectedSkip[] = [];
  const softDeleted: number[] = [];
  const permanentlyDeleted: number[] = [];
  let identities = 0;
  for (let k = 1; k <= d.userCount; k++) {
    const u = d.user(k);
    identities += d.identities(u).length;
    if (!u.active && u.name === "Permanently Deleted User") permanentlyDeleted.push(u.id);
    else if (!u.active) softDeleted.push(u.id);
  }

  const deleted: number[] = [];
  const unknownStatus: number[] = [];
  const withoutRequester: number[] = [];
  const skipped = new Set<number>();
  let archived = 0;
  let problems = 0;
  let incidents = 0;
  for (let id = 1; id <= d.ticketTotal; id++) {
    const t = d.ticket(id);
    if (t.is_archived) archived++;
    if (t.type === "problem") problems++;
    if (t.type === "incident") incidents++;
  }
  if (d.odd) {
    const oddTicket = (id: number, list: number[], reason: string) => {
      if (id > d.tickets) return;
      list.push(id);
      skipped.add(id);
      skips.push({ resource: "tickets", externalId: String(id), reason });
    };
    oddTicket(ODD.deleted, deleted, "deleted in Zendesk");
    oddTicket(ODD.unknownStatus, unknownStatus, `unknown status "${UNKNOWN_STATUS}"`);
    oddTicket(ODD.nullRequester, withoutRequester, "no requester");
  }

  let total = 0;
  let priv = 0;
  let ofSkipped = 0;
  const withoutBody: number[] = [];
  let attachments = 0;
  let importableAttachments = 0;
  let importableBytes = 0;
  const overLimit: number[] = [];
  for (let id = 1; id <= d.ticketTotal; id++) {
    for (const c of d.comments(id)) {
      total++;
      attachments += c.attachments.length;
      if (!c.public) priv++;
      if (skipped.has(id)) {
        ofSkipped++;
        continue;
      }
      if (typeof c.body !== "string") {
        withoutBody.push(c.id);
        skips.push({ resource: "ticket_events", externalId: String(c.id), reason: "comment without body" });
        continue;
      }
      for (const a of c.attachments) {
        if (a.size > ATTACHMENT_LIMIT) {
          overLimit.push(a.id);
          continue;
        }
        importableAttachments++;
        importableBytes += a.size;
      }
    }
  }

  const userFields = d.userFields();
  const unmappable = userFields
    .filter((f) => f.type === "lookup")
    .map((f) => ({ id: f.id, key: f.key, type: f.type }));
  for (const f of unmappable) {
    skips.push({ resource: "user_fields", externalId: String(f.id), reason: `field type "${f.type}"` });
  }
  const macros = Array.from({ length: d.macroCount }, (_, i) => d.macro(i + 1));
  const inactive = macros.filter((m) => !m.active).map((m) => m.id);
  for (const id of inactive)
    skips.push({ resource: "macros", externalId: String(id), reason: "inactive macro" });
  let answered = 0;
  let ratingsOfSkipped = 0;
  for (let r = 0; r < d.ratingCount; r++) {
    const rating = d.satisfactionRating(r);
    const externalId = String(rating.id);
    if (skipped.has(rating.ticket_id)) {
      ratingsOfSkipped++;
      skips.push({ resource: "satisfaction_ratings", externalId, reason: "ticket not imported" });
    } else if (rating.score === "good" || rating.score === "bad") answered++;
    else
      skips.push({ resource: "satisfaction_ratings", externalId, reason: `not answered (${rating.score})` });
  }
  const ticketFields = d.ticketFields();
  const orgDeleted: number[] = [];
  for (let k = 1; k <= d.orgs; k++) {
    const o = d.organization(k);
    if (o.deleted_at) orgDeleted.push(o.id);
  }
  const groupDeleted: number[] = [];
  for (let k = 1; k <= d.groups; k++) {
    const g = d.group(k);
    if (g.deleted) groupDeleted.push(g.id);
  }

  return {
    users: {
      total: d.userCount,
      endUsers: d.endUsers,
      staff: d.admins + d.agents,
      softDeleted,
      permanentlyDeleted,
      identities,
    },
    organizations: { total: d.orgs, deleted: orgDeleted },
    groups: { total: d.groups, deleted: groupDeleted },
    ticketFields: {
      total: ticketFields.length,
      system: ticketFields.length - d.ticketFieldCount,
      custom: d.ticketFieldCount,
    },
    userFields: { total: userFields.length, unmappable },
    organizationFields: { total: d.organizationFields().length },
    tickets: {
      total: d.ticketTotal,
      importable: d.ticketTotal - skipped.size,
      archived,
      deleted,
      unknownStatus,
      withoutRequester,
      problems,
      incidents,
    },
    comments: {
      total,
      importable: total - ofSkipped - withoutBody.length,
      ofSkippedTickets: ofSkipped,
      withoutBody,
      private: priv,
    },
    attachments: { total: attachments, importable: importableAttachments, importableBytes, overLimit },
    satisfactionRatings: {
      total: d.ratingCount,
      answered,
      unanswered: d.ratingCount - answered - ratingsOfSkipped,
      ofSkippedTickets: ratingsOfSkipped,
    },
    macros: { total: d.macroCount, inactive },
    hc: {
      categories: d.hcCategoryCount,
      sections: d.hcSectionCount,
      articles: d.hcArticleCount,
      translations: d.hcArticleCount * 2,
    },
    skips,
  };
}
