import type {
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
import { attachmentOfToken, attachmentSpecOf, commentsOf, eventRecord } from "./dataset-comments.ts";
import {
  type AdvanceInput,
  advanceDataset,
  type Epoch,
  type TicketChange,
  updatableTickets,
} from "./dataset-delta.ts";
import { ID, ORGS_FROM, TICKET_SPAN, TICKETS_FROM } from "./dataset-ids.ts";
import { ratingRecord } from "./dataset-ratings.ts";
import { mix } from "./dataset-text.ts";
import { baseEventTs, baseTicketUpdatedTs, ticketIfCurrent, ticketRecord } from "./dataset-tickets.ts";
import { identitiesOf, userRecord, userTs } from "./dataset-users.ts";
import { rangeSegment, type Segment } from "./streams.ts";

/**
 * A Zendesk account generated from a seed, record by record (this class holds the options and
 * the state; each resource's records are computed in its own file, dataset-<resource>.ts): ticket i, user k, event e are
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

export type { AdvanceInput };

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
  // The generation state below is shared with the resource modules (dataset-users.ts,
  // -tickets, -comments, -ratings, -delta), which compute records from it; tests read records
  // through the methods, never these.
  readonly baseEvents: number;
  nextEvent: number;
  nextTicketId: number;
  readonly epochs: Epoch[] = [];
  readonly changes = new Map<number, TicketChange>();
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
        (pos) => baseTicketUpdatedTs(this, pos + 1),
        (pos) => ticketIfCurrent(this, pos + 1, 0),
      ),
    ];
    this.eventSegments = [
      rangeSegment(
        this.baseEvents,
        (e) => baseEventTs(this, e),
        (e) => this.event(e),
      ),
    ];
    const users = this.userCount;
    this.userSegments = [
      rangeSegment(
        users,
        (pos) => userTs(this, pos + 1),
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

  userId(k: number): number {
    return ID.user + k;
  }

  endUserId(endIdx: number): number {
    return ID.user + this.admins + this.agents + endIdx;
  }

  /** Staff (admins then agents) who can be assignees; null when there are none. */
  agentId(n: number): number | null {
    const staff = this.admins + this.agents;
    return staff === 0 ? null : ID.user + 1 + (n % staff);
  }

  user(k: number): ZdUser {
    return userRecord(this, k);
  }

  /** The sideloaded identities of a user (include=identities): email, phone, a second email. */
  identities(user: ZdUser): ZdUserIdentity[] {
    return identitiesOf(this, user);
  }

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

  exists(id: number): boolean {
    return Number.isInteger(id) && id >= 1 && id < this.nextTicketId;
  }

  requesterOf(id: number): number {
    return this.endUserId(1 + (mix(this.seed, id, 41) % this.endUsers));
  }

  assigneeOf(id: number, status: string): number | null {
    return status === "new" ? null : this.agentId(mix(this.seed, id, 42));
  }

  isOdd(id: number, which: number): boolean {
    return this.odd && id === which && id <= this.tickets;
  }

  ticket(id: number): ZdTicket {
    return ticketRecord(this, id);
  }

  isArchived(id: number): boolean {
    return this.exists(id) && this.ticket(id).is_archived === true;
  }

  attachmentSpec(e: number, huge = false): { name: string; type: string; size: number } {
    return attachmentSpecOf(this, e, huge);
  }

  /** The attachment a content_url token names, or null (unknown or forged token). */
  attachmentByToken(token: string): { name: string; type: string; size: number; event: number } | null {
    return attachmentOfToken(this, token);
  }

  /** Global event e of a created ticket: an audit whose children are the comment (and a status on creation). */
  event(e: number): ZdTicketEvent {
    return eventRecord(this, e);
  }

  /** /api/v2/tickets/{id}/comments.json: every comment of the ticket, oldest first. */
  comments(id: number): ZdCommentEvent[] {
    return commentsOf(this, id);
  }

  satisfactionRating(r: number): ZdSatisfactionRating {
    return ratingRecord(this, r);
  }

  /** Tickets an advance() may change: neither closed, deleted, nor one of the odd ones. */
  updatableTicketIds(n: number): number[] {
    return updatableTickets(this, n);
  }

  /**
   * Moves the account's clock an hour on and records changes made in that hour: updated tickets
   * (a status change, or the new comments) and new tickets with their comments. The next
   * incremental request after a stored cursor or end_time returns these and nothing older.
   */
  advance(input: AdvanceInput): { newTicketIds: number[]; updatedTicketIds: number[] } {
    return advanceDataset(this, input);
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
