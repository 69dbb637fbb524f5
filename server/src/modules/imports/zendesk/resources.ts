import { IMPORT_RESOURCES } from "../../../../../contracts/imports.ts";
import type {
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
} from "./zendesk-types.ts";

/**
 * The Zendesk resources the importer reads, in the order it reads them: each one's references
 * (a ticket's requester, group and organization; a comment's ticket) are already imported when
 * it arrives. The pipeline (pipeline.ts) walks this list; the source (client) knows how each is
 * paged, the writers how each becomes Rapport rows.
 */
export const RESOURCE_ORDER = IMPORT_RESOURCES;

export type ResourceName = (typeof RESOURCE_ORDER)[number];

/** The record type of each resource. */
export interface ResourceRecords {
  ticket_fields: ZdTicketField;
  user_fields: ZdUserField;
  organization_fields: ZdOrganizationField;
  groups: ZdGroup;
  organizations: ZdOrganization;
  users: ZdUser;
  tickets: ZdTicket;
  ticket_events: ZdTicketEvent;
  satisfaction_ratings: ZdSatisfactionRating;
  macros: ZdMacro;
  hc_categories: ZdHcCategory;
  hc_sections: ZdHcSection;
  hc_articles: ZdHcArticle;
}

/**
 * One page of a resource. `checkpoint` is what to pass back to continue after this page (an
 * incremental cursor, a start_time, or a page cursor); it is stored in the same transaction as
 * the page's rows, so a resumed run starts exactly after the last page that was written.
 * For a full-list resource (fields, groups, macros, Guide) the checkpoint of the last page is
 * null: those lists are small and re-read whole on every run, and upserted.
 */
export interface Page<R extends ResourceName = ResourceName> {
  resource: R;
  records: ResourceRecords[R][];
  /**
   * Sideloaded records that came with the page, by sideload name (for example `identities` on
   * the user export). Writers read what they need from here.
   */
  sideloads: Record<string, unknown[]>;
  checkpoint: string | null;
  endOfStream: boolean;
}

/** Where Zendesk data comes from: the HTTP client in production, the fake server in tests. */
export interface ZendeskSource {
  /**
   * Pages of one resource, starting after `checkpoint` (null: from `since`, or from the start).
   * Retries, rate limits and Retry-After are the source's business; an error thrown from here
   * means the run cannot go on (it is resumable from the last checkpoint).
   */
  pages<R extends ResourceName>(
    resource: R,
    checkpoint: string | null,
    since: Date | null,
  ): AsyncIterable<Page<R>>;
  /** Downloads an attachment's content, refusing more than maxBytes. */
  download(url: string, maxBytes: number): Promise<{ bytes: Buffer; contentType: string | null }>;
}
