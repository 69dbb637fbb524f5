import { extrasWriters, linkIncidents } from "./extras-writers.ts";
import type { ResourceName } from "./resources.ts";
import { ticketEventsWriter } from "./write-comments.ts";
import { organizationFieldsWriter, ticketFieldsWriter, userFieldsWriter } from "./write-fields.ts";
import { groupsWriter } from "./write-groups.ts";
import { organizationsWriter } from "./write-organizations.ts";
import { ticketsWriter } from "./write-tickets.ts";
import { usersWriter } from "./write-users.ts";
import type { ImportContext, ResourceWriter, WriteOutcome } from "./writer.ts";
import type { ZdTicket } from "./zendesk-types.ts";

/** Every resource's writer. A resource with none is read past and reported as not imported. */
export type WriterRegistry = Partial<{ [R in ResourceName]: ResourceWriter<R> }>;

/**
 * Work that must follow the tickets writer in the same transaction (problem/incident links:
 * the page's cases exist by then).
 */
export type AfterTickets = (ctx: ImportContext, tickets: ZdTicket[]) => Promise<WriteOutcome>;

export const WRITERS: WriterRegistry = {
  ticket_fields: ticketFieldsWriter,
  user_fields: userFieldsWriter,
  organization_fields: organizationFieldsWriter,
  groups: groupsWriter,
  organizations: organizationsWriter,
  users: usersWriter,
  tickets: ticketsWriter,
  ticket_events: ticketEventsWriter,
  ...extrasWriters,
};

export const AFTER_TICKETS: AfterTickets[] = [linkIncidents];
