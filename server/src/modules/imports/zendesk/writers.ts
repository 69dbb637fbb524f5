import { extrasWriters, linkIncidents } from "./extras-writers.ts";
import type { ResourceName } from "./resources.ts";
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
  ...extrasWriters,
};

export const AFTER_TICKETS: AfterTickets[] = [linkIncidents];
