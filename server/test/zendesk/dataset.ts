import type {
  ZdAttachment,
  ZdCommentEvent,
  ZdGroup,
  ZdHcArticle,
  ZdHcCategory,
  ZdHcSection,
  ZdMacro,
  ZdOrganization,
  ZdOrganizationField,
  ZdSatisfactionRating,
  ZdTicket,
  ZdTicketEvent,
  ZdTicketField,
  ZdUser,
  ZdUserField,
  ZdUserIdentity,
} from "../../src/modules/imports/zendesk/zendesk-types.ts";
import {
  customTicketField,
  fieldValue,
  group,
  hcArticle,
  hcCategory,
  hcSection,
  macro,
  organization,
  organizationFields,
  ticketFields,
  userFields,
} from "./dataset-catalog.ts";
import {
  ARCHIVE_AFTER,
  DAY,
  HUGE_ATTACHMENT_BYTES,
  ID,
  iso,
  ODD,
  ORGS_FROM,
  TICKET_SPAN,
  TICKETS_FROM,
  UNKNOWN_STATUS,
  USERS_FROM,
} from "./dataset-ids.ts";
import {
  bigCommentBody,
  CHANNELS,
  EMOJI_BODY,
  EMOJI_SUBJECT,
  escapeHtml,
  FIRST_NAMES,
  HEBREW_NAME,
  HOSTILE_HTML,
  HOSTILE_PLAIN,
  LAST_NAMES,
  LONG_SUBJECT,
  mix,
  pick,
  RTL_ARABIC_BODY,
  RTL_HEBREW_BODY,
  RTL_NAME,
  RTL_SUBJECT,
  SENTENCES,
  SUBJECTS,
  TAGS,
  VIA_TEXT,
} from "./dataset-text.ts";
import { rangeSegment, type Segment } from "./streams.ts";

/**
 * A Zendesk account generated from a seed, record by record: ticket i, user k, event e are
 * each computed from their index when a page asks for them, so a million tickets cost no
 * memory. Only what `advance()` changes is remembered (a few entries per changed ticket).
 *
 * Layout in time: organizations, then users (30 days), then the tickets' events spread over
 * four years, ticket i owning events (i-1)*c … i*c-1 (c = comments per ticket): a ticket is
 * created at its first comment and last updated at its last, so tickets are in id order in
 * the export too. Ids are large like Zendesk's (below 2^53), except tickets, which start at 1
 * as Zendesk's ticket numbers do.
 */
export interface DatasetOptions {
  seed?: number;
  endUsers?: number;
  agents?: number;
  admins?: number;
  organizations?: number;
  groups?: number;
  tickets?: number;
  /** Comments per ticket, the first being the ticket's description (at least 1). */
  commentsPerTicket?: number;
  /** Share of comments (0…1) that carry one attachment. */
  attachmentsRatio?: number;
  ticketFields?: number;
  userFields?: number;
  organizationFields?: number;
  macros?: number;
  satisfactionRatings?: number;
  hcCategories?: number;
  hcSections?: number;
  hcArticles?: number;
  /** Add the odd records (see ODD below). */
  odd?: boolean;
}

export { HUGE_ATTACHMENT_BYTES, ID, iso, ODD, UNKNOWN_STATUS } from "./dataset-ids.ts";

const ESCAPED_SENTENCES = SENTENCES.map(escapeHtml);

/** What advance() added: one entry per change event on an existing ticket. */
interface UpdateEntry {
  ticketId: number;
  ts: number;
  /** Global event index (ids of the audit, comment, attachment follow from it). */
  event: number;
  comment: boolean;
}

interface Epoch {
  updates: UpdateEntry[];
  /** Tickets whose latest change is in this epoch, ordered by that time. */
  updatedTickets: Array<{ id: number; ts: number }>;
  newFromId: number;
  newCount: number;
  /** Global index of the first event of the new tickets. */
  newFirstEvent: number;
  newTs0: number;
}

interface TicketChange {
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

export class Dataset {
  readonly seed: number;
  readonly endUsers: number;
  readonly agents: number;
  readonly admins: number;
  readonly orgs: number;
  readonly groups: number;
  readonly tickets: number;
  readonly c: number;
  readonly attachmentsRatio: number;
  readonly ticketFieldCount: number;
  readonly userFieldCount: number;
  readonly orgFieldCount: number;
  readonly macroCount: number;
  readonly ratingCount: number;
  readonly hcCategoryCount: number;
  readonly hcSectionCount: number;
  readonly hcArticleCount: number;
  readonly odd: boolean;
  /** Set by the server once it listens: attachments' content_url point at it. */
  baseUrl = "http://127.0.0.1";
  /** The account's clock: records are never later than this. */
  now: number;
  readonly baseNow: number;
  private readonly baseEvents: number;
  private nextEvent: number;
  private nextTicketId: number;
  private readonly epochs: Epoch[] = [];
  private readonly changes = new Map<number, TicketChange>();
  readonly ticketSegments: Segment<ZdTicket>[];
  readonly eventSegments: Segment<ZdTicketEvent>[];
  readonly userSegments: Segment<ZdUser>[];
  readonly orgSegments: Segment<ZdOrganization>[];

  constructor(o: DatasetOptions = {}) {
    this.seed = o.seed ?? 1;
    this.endUsers = Math.max(1, o.endUsers ?? 50);
    this.agents = o.agents ?? 3;
    this.admins = Math.max(1, o.admins ?? 1);
    this.orgs = o.organizations ?? 5;
    this.groups = o.groups ?? 3;
    this.tickets = o.tickets ?? 30;
    this.c = Math.max(1, o.commentsPerTicket ?? 3);
    this.attachmentsRatio = o.attachmentsRatio ?? 0.1;
    this.ticketFieldCount = o.ticketFields ?? 4;
    this.userFieldCount = o.userFields ?? 3;
    this.orgFieldCount = o.organizationFields ?? 2;
    this.macroCount = o.macros ?? 4;
    this.ratingCount = Math.min(o.satisfactionRatings ?? 5, this.tickets);
    this.hcCategoryCount = o.hcCategories ?? 2;
    this.hcSectionCount = o.hcSections ?? 3;
    this.hcArticleCount = o.hcArticles ?? 6;
    this.odd = o.odd ?? false;
    this.baseEvents = this.tickets * this.c;
    this.nextEvent = this.baseEvents;
    this.nextTicketId = this.tickets + 1;
    this.baseNow = TICKETS_FROM + TICKET_SPAN + 3600;
    this.now = this.baseNow;
    this.ticketSegments = [
      rangeSegment(
        this.tickets,
        (pos) => this.baseTicketUpdatedTs(pos + 1),
        (pos) => this.ticketIfCurrent(pos + 1, 0),
      ),
    ];
    this.eventSegments = [
      rangeSegment(
        this.baseEvents,
        (e) => this.baseEventTs(e),
        (e) => this.event(e),
      ),
    ];
    const users = this.userCount;
    this.userSegments = [
      rangeSegment(
        users,
        (pos) => this.userTs(pos + 1),
        (pos) => this.user(pos + 1),
      ),
    ];
    this.orgSegments = [
      rangeSegment(
        this.orgs,
        (pos) => ORGS_FROM + pos * 60,
        (pos) => this.organization(pos + 1),
      ),
    ];
  }

  get userCount(): number {
    return this.admins + this.agents + this.endUsers;
  }

  // ── users ────────────────────────────────────────────────────────────────────────────────

  userId(k: number): number {
    return ID.user + k;
  }

  endUserId(endIdx: number): number {
    return ID.user + this.admins + this.agents + endIdx;
  }

  private userTs(k: number): number {
    return USERS_FROM + Math.floor(((k - 1) * 30 * DAY) / this.userCount);
  }

  /** Staff (admins then agents) who can be assignees; null when there are none. */
  agentId(n: number): number | null {
    const staff = this.admins + this.agents;
    return staff === 0 ? null : ID.user + 1 + (n % staff);
  }

  private endUserOrg(endIdx: number): number | null {
    if (this.orgs === 0 || mix(this.seed, endIdx, 2) % 10 >= 7) return null;
    return ID.org + 1 + (mix(this.seed, endIdx, 3) % this.orgs);
  }

  user(k: number): ZdUser {
    const role: ZdUser["role"] =
      k <= this.admins ? "admin" : k <= this.admins + this.agents ? "agent" : "end-user";
    const endIdx = k - this.admins - this.agents;
    const first = pick(FIRST_NAMES, this.seed, k, 10);
    const last = pick(LAST_NAMES, this.seed, k, 11);
    const ts = iso(this.userTs(k));
    const staff = role !== "end-user";
    const user: ZdUser = {
      id: this.userId(k),
      name: `${first} ${last}`,
      email: staff ? `${role}${k}@acme-support.example` : `customer${endIdx}@mail${endIdx % 13}.example.com`,
      phone:
        !staff && endIdx % 4 === 0 ? `+1 415 555 ${String(1000 + (endIdx % 9000)).padStart(4, "0")}` : null,
      role,
      organization_id: staff ? null : this.endUserOrg(endIdx),
      external_id: !staff && endIdx % 3 === 0 ? `crm-${endIdx}` : null,
      tags: staff ? [] : [pick(TAGS, this.seed, k, 12)],
      user_fields: staff ? {} : this.userFieldValues(endIdx),
      notes: !staff && endIdx % 5 === 0 ? "Prefers email over phone." : null,
      details: null,
      time_zone: pick(["Europe/Berlin", "America/New_York", "Asia/Tokyo"], this.seed, k, 13),
      locale: pick(["en-US", "de", "ja"], this.seed, k, 14),
      active: true,
      suspended: false,
      created_at: ts,
      updated_at: ts,
    };
    if (!this.odd || staff) return user;
    if (endIdx === ODD.rtlUser) user.name = `${RTL_NAME} 🌙`;
    if (endIdx === ODD.hebrewUser) user.name = HEBREW_NAME;
    if (endIdx === ODD.softDeletedUser) user.active = false;
    if (endIdx === ODD.permanentlyDeletedUser) {
      // Zendesk's scrubbed shape: personal data gone, the record kept for ticket history.
      Object.assign(user, {
        name: "Permanently Deleted User",
        email: null,
        phone: null,
        external_id: null,
        user_fields: {},
        notes: null,
        tags: [],
        active: false,
      });
    }
    if (endIdx === ODD.phoneOnlyUser) {
      user.email = null;
      user.phone = "(415) 555-0134";
    }
    if (endIdx === ODD.mixedCaseEmailUser) user.email = `Mixed.Case${endIdx}@Example.COM`;
    return user;
  }

  /** The sideloaded identities of a user (include=identities): email, phone, a second email. */
  identities(user: ZdUser): ZdUserIdentity[] {
    const out: ZdUserIdentity[] = [];
    const base = ID.identity + (user.id - ID.user) * 4;
    if (user.email) {
      out.push({
        id: base,
        user_id: user.id,
        type: "email",
        value: user.email,
        verified: true,
        primary: true,
      });
    }
    if (user.phone) {
      out.push({
        id: base + 1,
        user_id: user.id,
        type: "phone_number",
        value: user.phone,
        verified: false,
        primary: !user.email,
      });
    }
    if (user.email && user.role === "end-user" && (user.id - ID.user) % 7 === 0) {
      const second = `alt${user.id - ID.user}@other.example.org`;
      out.push({
        id: base + 2,
        user_id: user.id,
        type: "email",
        value: second,
        verified: true,
        primary: false,
      });
    }
    return out;
  }

  // ── fields, organizations, groups, macros, Guide (dataset-catalog.ts) ────────────────────

  private userFieldList: ZdUserField[] | null = null;
  private orgFieldList: ZdOrganizationField[] | null = null;

  ticketFields(): ZdTicketField[] {
    return ticketFields(this.ticketFieldCount);
  }

  userFields(): ZdUserField[] {
    this.userFieldList ??= userFields(this.userFieldCount, this.odd);
    return this.userFieldList;
  }

  organizationFields(): ZdOrganizationField[] {
    this.orgFieldList ??= organizationFields(this.orgFieldCount);
    return this.orgFieldList;
  }

  private userFieldValues(endIdx: number): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const f of this.userFields()) values[f.key] = fieldValue(f.type, this.seed, endIdx * 31 + f.id);
    return values;
  }

  organization(k: number): ZdOrganization {
    return organization(this, k);
  }

  group(k: number): ZdGroup {
    return group(this, k);
  }

  macro(k: number): ZdMacro {
    return macro(this, k);
  }

  hcCategory(k: number): ZdHcCategory {
    return hcCategory(k);
  }

  hcSection(k: number): ZdHcSection {
    return hcSection(this, k);
  }

  hcArticle(k: number): ZdHcArticle {
    return hcArticle(this, k);
  }

  // ── tickets ──────────────────────────────────────────────────────────────────────────────

  private baseEventTs(e: number): number {
    return TICKETS_FROM + Math.floor((e * TICKET_SPAN) / Math.max(1, this.baseEvents));
  }

  private baseTicketUpdatedTs(i: number): number {
    return this.baseEventTs(i * this.c - 1);
  }

  /** Which epoch created ticket `id` (null: the base set). */
  private epochOfNewTicket(id: number): Epoch | null {
    for (const epoch of this.epochs) {
      if (id >= epoch.newFromId && id < epoch.newFromId + epoch.newCount) return epoch;
    }
    return null;
  }

  exists(id: number): boolean {
    return Number.isInteger(id) && id >= 1 && id < this.nextTicketId;
  }

  private ticketIfCurrent(id: number, seg: number): ZdTicket | null {
    const change = this.changes.get(id);
    if (change && change.seg !== seg) return null;
    return this.ticket(id);
  }

  /** created/updated times of a ticket as first generated (before any advance() change). */
  private ticketTimes(id: number): { created: number; updated: number; firstEvent: number } {
    if (id <= this.tickets) {
      const first = (id - 1) * this.c;
      return { created: this.baseEventTs(first), updated: this.baseTicketUpdatedTs(id), firstEvent: first };
    }
    const epoch = this.epochOfNewTicket(id) as Epoch;
    const n = id - epoch.newFromId;
    return {
      created: epoch.newTs0 + n * this.c,
      updated: epoch.newTs0 + n * this.c + this.c - 1,
      firstEvent: epoch.newFirstEvent + n * this.c,
    };
  }

  private baseStatus(id: number): ZdTicket["status"] {
    if (id > this.tickets) return "new";
    const frac = (id - 1) / this.tickets;
    if (frac < 0.7) return "closed";
    if (frac < 0.85) return "solved";
    return pick(["new", "open", "open", "pending", "hold"] as const, this.seed, id, 40);
  }

  requesterOf(id: number): number {
    return this.endUserId(1 + (mix(this.seed, id, 41) % this.endUsers));
  }

  assigneeOf(id: number, status: string): number | null {
    return status === "new" ? null : this.agentId(mix(this.seed, id, 42));
  }

  private ratingIndexOf(id: number): number | null {
    if (this.ratingCount === 0 || id > this.tickets) return null;
    const r = Math.ceil(((id - 1) * this.ratingCount) / this.tickets);
    return r < this.ratingCount && this.ratingTicket(r) === id ? r : null;
  }

  private ratingTicket(r: number): number {
    return 1 + Math.floor((r * this.tickets) / this.ratingCount);
  }

  private ratingScore(r: number): ZdSatisfactionRating["score"] {
    const h = mix(this.seed, r, 50) % 10;
    return h < 5 ? "good" : h < 7 ? "bad" : h < 9 ? "offered" : "unoffered";
  }

  /** Problem/incident links: per 50 tickets, #21 is a problem, #22–24 its incidents, #20 an incident of the next one. */
  private problemLink(id: number): {
    type: ZdTicket["type"];
    problemId: number | null;
    hasIncidents: boolean;
  } {
    const r = id % 50;
    // The last ticket of the set the ticket was made in: a link never depends on later advances.
    const epoch = id > this.tickets ? this.epochOfNewTicket(id) : null;
    const limit = epoch ? epoch.newFromId + epoch.newCount - 1 : this.tickets;
    if (r === 21) return { type: "problem", problemId: null, hasIncidents: true };
    if (r >= 22 && r <= 24) return { type: "incident", problemId: id - r + 21, hasIncidents: false };
    if (r === 20 && id + 1 <= limit) return { type: "incident", problemId: id + 1, hasIncidents: false };
    return {
      type: pick(["question", "question", "task", null] as const, this.seed, id, 43),
      problemId: null,
      hasIncidents: false,
    };
  }

  isOdd(id: number, which: number): boolean {
    return this.odd && id === which && id <= this.tickets;
  }

  ticket(id: number): ZdTicket {
    const times = this.ticketTimes(id);
    const change = this.changes.get(id);
    let status = change?.status ?? this.baseStatus(id);
    const link = this.problemLink(id);
    const requester = this.requesterOf(id);
    const assignee = this.assigneeOf(id, status);
    const channel = pick(CHANNELS, this.seed, id, 44);
    const r = this.ratingIndexOf(id);
    let subject = pick(SUBJECTS, this.seed, id, 45);
    if (this.isOdd(id, ODD.emoji)) subject = EMOJI_SUBJECT;
    if (this.isOdd(id, ODD.rtl)) subject = RTL_SUBJECT;
    if (this.isOdd(id, ODD.longSubject)) subject = LONG_SUBJECT;
    if (this.isOdd(id, ODD.deleted)) status = "deleted";
    if (this.isOdd(id, ODD.unknownStatus)) status = UNKNOWN_STATUS as ZdTicket["status"];
    const updatedTs = change?.ts ?? times.updated;
    // Zendesk also sends url and generated_timestamp (the export's own order key), which the
    // contract does not type; served so a client that reads them finds them.
    const ticket: ZdTicket & { url: string; generated_timestamp: number } = {
      url: `${this.baseUrl}/api/v2/tickets/${id}.json`,
      id,
      external_id: id % 10 === 0 ? `legacy-${id}` : null,
      via: { channel, source: { from: {}, to: {}, rel: null } },
      created_at: iso(times.created),
      updated_at: iso(updatedTs),
      type: link.type,
      subject,
      description: this.commentText(times.firstEvent, id, 0).body,
      priority: pick(["urgent", "high", "normal", "normal", "low", null] as const, this.seed, id, 46),
      status,
      requester_id: this.isOdd(id, ODD.nullRequester) ? null : requester,
      submitter_id: requester,
      assignee_id: assignee,
      organization_id: this.endUserOrg(requester - this.endUserId(0)),
      group_id: this.groups === 0 ? null : ID.group + 1 + (mix(this.seed, id, 47) % this.groups),
      collaborator_ids: id % 9 === 0 ? [this.endUserId(1 + ((id + 1) % this.endUsers))] : [],
      problem_id: link.problemId,
      has_incidents: link.hasIncidents,
      due_at: link.type === "task" ? iso(times.created + 7 * DAY) : null,
      tags: change ? [...this.baseTags(id), ...change.tags] : this.baseTags(id),
      custom_fields: Array.from({ length: this.ticketFieldCount }, (_, i) => {
        const f = customTicketField(i);
        return { id: f.id, value: fieldValue(f.type, this.seed, id * 13 + i) };
      }),
      satisfaction_rating:
        r === null
          ? null
          : this.ratingScore(r) === "good" || this.ratingScore(r) === "bad"
            ? { id: ID.rating + r + 1, score: this.ratingScore(r), comment: this.ratingComment(r) }
            : { score: this.ratingScore(r) },
      is_archived: status === "closed" && updatedTs < this.baseNow - ARCHIVE_AFTER,
      generated_timestamp: updatedTs,
    };
    return ticket;
  }

  private baseTags(id: number): string[] {
    const n = mix(this.seed, id, 48) % 3;
    const tags: string[] = [];
    for (let t = 0; t < n; t++) tags.push(pick(TAGS, this.seed, id * 3 + t, 49));
    return [...new Set(tags)];
  }

  isArchived(id: number): boolean {
    return this.exists(id) && this.ticket(id).is_archived === true;
  }

  // ── comments (ticket events) ─────────────────────────────────────────────────────────────

  /** The text of comment j of ticket id (event e). */
  private commentText(e: number, id: number, j: number): { body: string; html: string } {
    if (this.isOdd(id, ODD.bigComment) && j === Math.min(1, this.c - 1)) {
      const body = bigCommentBody();
      return { body, html: `<p>${escapeHtml(body)}</p>` };
    }
    if (this.isOdd(id, ODD.emoji) && j === 0) return { body: EMOJI_BODY, html: `<p>${EMOJI_BODY}</p>` };
    if (this.isOdd(id, ODD.rtl) && j === 0) {
      return { body: RTL_ARABIC_BODY, html: `<div dir="rtl"><p>${RTL_ARABIC_BODY}</p></div>` };
    }
    if (this.isOdd(id, ODD.rtl) && j === 1) {
      return { body: RTL_HEBREW_BODY, html: `<div dir="rtl"><p>${RTL_HEBREW_BODY}</p></div>` };
    }
    if (this.isOdd(id, ODD.hostileHtml) && j === 0) return { body: HOSTILE_PLAIN, html: HOSTILE_HTML };
    const a = mix(this.seed, e, 60) % SENTENCES.length;
    const b = mix(this.seed, e, 61) % SENTENCES.length;
    return {
      body: `${SENTENCES[a]}\n\n${SENTENCES[b]}`,
      html: `<div class="zd-comment" dir="auto"><p>${ESCAPED_SENTENCES[a]}</p><p>${ESCAPED_SENTENCES[b]}</p></div>`,
    };
  }

  private attachmentOf(e: number, id: number, j: number): ZdAttachment | null {
    const huge = this.isOdd(id, ODD.hugeAttachment) && j === 0;
    if (!huge && (mix(this.seed, e, 70) % 10_000) / 10_000 >= this.attachmentsRatio) return null;
    const spec = this.attachmentSpec(e, huge);
    const token = `${e.toString(36)}x${(mix(this.seed, e, 71) % 1_000_000).toString(36)}`;
    return {
      id: ID.attachment + e,
      file_name: spec.name,
      content_url: `${this.baseUrl}/attachments/token/${token}/?name=${encodeURIComponent(spec.name)}`,
      content_type: spec.type,
      size: spec.size,
      inline: false,
    };
  }

  attachmentSpec(e: number, huge = false): { name: string; type: string; size: number } {
    if (huge) return { name: "huge-scan.pdf", type: "application/pdf", size: HUGE_ATTACHMENT_BYTES };
    const h = mix(this.seed, e, 72);
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
  attachmentByToken(token: string): { name: string; type: string; size: number; event: number } | null {
    const m = /^([0-9a-z]+)x([0-9a-z]+)$/.exec(token);
    if (!m) return null;
    const e = Number.parseInt(m[1] as string, 36);
    if (!(e >= 0 && e < this.nextEvent)) return null;
    if ((mix(this.seed, e, 71) % 1_000_000).toString(36) !== m[2]) return null;
    const where = this.locateEvent(e);
    if (!where || where.update) return null;
    const att = this.attachmentOf(e, where.ticketId, where.j);
    if (!att) return null;
    return { name: att.file_name, type: att.content_type, size: att.size, event: e };
  }

  /** Which ticket and comment a global event index belongs to. */
  private locateEvent(e: number): { ticketId: number; j: number; update: UpdateEntry | null } | null {
    if (e < this.baseEvents) return { ticketId: Math.floor(e / this.c) + 1, j: e % this.c, update: null };
    for (const epoch of this.epochs) {
      const u = epoch.updates.find((x) => x.event === e);
      if (u) return { ticketId: u.ticketId, j: -1, update: u };
      const n = e - epoch.newFirstEvent;
      if (n >= 0 && n < epoch.newCount * this.c) {
        return { ticketId: epoch.newFromId + Math.floor(n / this.c), j: n % this.c, update: null };
      }
    }
    return null;
  }

  private commentAuthor(id: number, j: number): { author: number; isPublic: boolean } {
    if (j % 2 === 0) return { author: this.requesterOf(id), isPublic: true };
    const agent = this.assigneeOf(id, "open") ?? this.requesterOf(id);
    return { author: agent, isPublic: mix(this.seed, id * 7 + j, 62) % 5 !== 0 };
  }

  /** Comment j of a ticket, as the comments endpoint and the comment child event share it. */
  private comment(e: number, id: number, j: number, ts: number): ZdCommentEvent {
    const { author, isPublic } = this.commentAuthor(id, j);
    const text = this.commentText(e, id, j);
    const att = this.attachmentOf(e, id, j);
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
    if (this.isOdd(id, ODD.commentWithoutBody) && j === this.c - 1 && j > 0) {
      // Malformed: Zendesk never sends this, but an importer must survive a record like it.
      delete (comment as Partial<ZdCommentEvent>).body;
      delete (comment as Partial<ZdCommentEvent>).html_body;
    }
    return comment;
  }

  private updateComment(u: UpdateEntry): ZdCommentEvent {
    const body = `Following up (${u.event}): ${pick(SENTENCES, this.seed, u.event, 63)}`;
    return {
      id: ID.comment + u.event,
      event_type: "Comment",
      author_id: this.requesterOf(u.ticketId),
      body,
      html_body: `<div class="zd-comment" dir="auto"><p>${escapeHtml(body)}</p></div>`,
      public: true,
      attachments: [],
      created_at: iso(u.ts),
    };
  }

  /** Global event e of a created ticket: an audit whose children are the comment (and a status on creation). */
  event(e: number): ZdTicketEvent {
    const where = this.locateEvent(e) as { ticketId: number; j: number };
    const ts = this.eventTs(e);
    const id = where.ticketId;
    const children: ZdTicketEvent["child_events"] = [this.comment(e, id, where.j, ts)];
    if (where.j === 0)
      children.push({ id: ID.change + e, event_type: "Create", field_name: "status", value: "new" });
    const channel = pick(CHANNELS, this.seed, id, 44);
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

  private eventTs(e: number): number {
    if (e < this.baseEvents) return this.baseEventTs(e);
    for (const epoch of this.epochs) {
      const n = e - epoch.newFirstEvent;
      if (n >= 0 && n < epoch.newCount * this.c) return epoch.newTs0 + n;
    }
    throw new Error(`no event ${e}`);
  }

  private updateEvent(u: UpdateEntry): ZdTicketEvent {
    const child = u.comment
      ? this.updateComment(u)
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
      updater_id: u.comment
        ? this.requesterOf(u.ticketId)
        : (this.agentId(0) ?? this.requesterOf(u.ticketId)),
      via: "Web form",
      event_type: "Audit",
      child_events: [child],
    };
  }

  /** /api/v2/tickets/{id}/comments.json: every comment of the ticket, oldest first. */
  comments(id: number): ZdCommentEvent[] {
    const { firstEvent } = this.ticketTimes(id);
    const out: ZdCommentEvent[] = [];
    for (let j = 0; j < this.c; j++)
      out.push(this.comment(firstEvent + j, id, j, this.eventTs(firstEvent + j)));
    for (const u of this.changes.get(id)?.extraComments ?? []) out.push(this.updateComment(u));
    return out;
  }

  // ── satisfaction ratings, macros, Guide ──────────────────────────────────────────────────

  private ratingComment(r: number): string | null {
    return this.ratingScore(r) === "bad"
      ? "Took three days to get an answer."
      : r % 2 === 0
        ? "Great help, thanks!"
        : null;
  }

  satisfactionRating(r: number): ZdSatisfactionRating {
    const ticketId = this.ratingTicket(r);
    const t = this.ticket(ticketId);
    const score = this.ratingScore(r);
    const answered = score === "good" || score === "bad";
    return {
      id: ID.rating + r + 1,
      ticket_id: ticketId,
      requester_id: this.requesterOf(ticketId),
      assignee_id: t.assignee_id,
      group_id: t.group_id,
      score,
      comment: answered ? this.ratingComment(r) : null,
      reason: score === "bad" ? "The issue took too long to resolve" : null,
      created_at: t.updated_at,
      updated_at: t.updated_at,
    };
  }

  // ── delta sync ───────────────────────────────────────────────────────────────────────────

  /** Tickets an advance() may change: neither closed, deleted, nor one of the odd ones. */
  updatableTicketIds(n: number): number[] {
    const out: number[] = [];
    for (let id = this.nextTicketId - 1; id >= 1 && out.length < n; id--) {
      if (this.odd && id <= 11) continue;
      const status = this.ticket(id).status;
      if (status !== "closed" && status !== "deleted") out.unshift(id);
    }
    return out;
  }

  /**
   * Moves the account's clock an hour on and records changes made in that hour: updated tickets
   * (a status change, or the new comments) and new tickets with their comments. The next
   * incremental request after a stored cursor or end_time returns these and nothing older.
   */
  advance(input: AdvanceInput): { newTicketIds: number[]; updatedTicketIds: number[] } {
    const newCount = input.newTickets ?? 0;
    const newComments = input.newComments ?? 0;
    let targets = input.updatedTickets ?? [];
    if (targets.length === 0 && newComments > 0) targets = this.updatableTicketIds(Math.min(newComments, 10));
    for (const id of targets) {
      if (!this.exists(id)) throw new Error(`advance: ticket ${id} does not exist`);
      const status = this.ticket(id).status;
      if (status === "closed" || status === "deleted") {
        throw new Error(
          `advance: ticket ${id} is ${status}; Zendesk does not let it change (pick from updatableTicketIds)`,
        );
      }
    }
    const start = this.now + 3600;
    const updates: UpdateEntry[] = [];
    const withComment = new Set<number>();
    const count = Math.max(targets.length, newComments);
    for (let n = 0; n < count; n++) {
      const ticketId = targets[n % targets.length] as number;
      const comment = n < newComments;
      if (comment) withComment.add(ticketId);
      updates.push({ ticketId, ts: start + n, event: this.nextEvent++, comment });
    }
    const seg = this.ticketSegments.length;
    const lastTs = new Map<number, number>();
    for (const u of updates) lastTs.set(u.ticketId, u.ts);
    const updatedTickets = [...lastTs].map(([id, ts]) => ({ id, ts })).sort((a, b) => a.ts - b.ts);
    for (const { id, ts } of updatedTickets) {
      const prev = this.changes.get(id);
      this.changes.set(id, {
        seg,
        ts,
        status: withComment.has(id) ? "open" : "solved",
        tags: [...(prev?.tags ?? []), `delta_${this.epochs.length + 1}`],
        extraComments: [
          ...(prev?.extraComments ?? []),
          ...updates.filter((u) => u.ticketId === id && u.comment),
        ],
      });
    }
    const epoch: Epoch = {
      updates,
      updatedTickets,
      newFromId: this.nextTicketId,
      newCount,
      newFirstEvent: this.nextEvent,
      newTs0: start + count + 1,
    };
    this.nextEvent += newCount * this.c;
    this.nextTicketId += newCount;
    this.epochs.push(epoch);
    this.now = epoch.newTs0 + newCount * this.c + 60;
    this.ticketSegments.push(
      rangeSegment(
        updatedTickets.length,
        (pos) => (updatedTickets[pos] as { ts: number }).ts,
        (pos) => this.ticketIfCurrent((updatedTickets[pos] as { id: number }).id, seg),
      ),
      rangeSegment(
        newCount,
        (pos) => epoch.newTs0 + pos * this.c + this.c - 1,
        (pos) => this.ticketIfCurrent(epoch.newFromId + pos, seg + 1),
      ),
    );
    this.eventSegments.push(
      rangeSegment(
        updates.length,
        (pos) => (updates[pos] as UpdateEntry).ts,
        (pos) => this.updateEvent(updates[pos] as UpdateEntry),
      ),
      rangeSegment(
        newCount * this.c,
        (pos) => epoch.newTs0 + pos,
        (pos) => this.event(epoch.newFirstEvent + pos),
      ),
    );
    return {
      newTicketIds: Array.from({ length: newCount }, (_, n) => epoch.newFromId + n),
      updatedTicketIds: updatedTickets.map((t) => t.id),
    };
  }

  get ticketTotal(): number {
    return this.nextTicketId - 1;
  }

  get eventTotal(): number {
    return this.nextEvent;
  }

  get epochCount(): number {
    return this.epochs.length;
  }

  get extraCommentCount(): number {
    let n = 0;
    for (const e of this.epochs) n += e.updates.filter((u) => u.comment).length;
    return n;
  }
}
