import type { Page, ResourceName, ResourceRecords } from "./resources.ts";
import type {
  ZdAttachment,
  ZdCommentEvent,
  ZdGroup,
  ZdOrganization,
  ZdTicket,
  ZdTicketEvent,
  ZdTicketField,
  ZdUser,
  ZdUserField,
} from "./zendesk-types.ts";

/**
 * Zendesk records shaped as zendesk-types.ts (Zendesk's documented responses), with defaults,
 * for the writers' tests: each test states only what it is about.
 */
const T0 = "2024-03-01T10:00:00Z";

export function page<R extends ResourceName>(
  resource: R,
  records: ResourceRecords[R][],
  sideloads: Record<string, unknown[]> = {},
): Page<R> {
  return { resource, records, sideloads, checkpoint: null, endOfStream: true };
}

export const ticketField = (f: Partial<ZdTicketField> & { id: number }): ZdTicketField => ({
  type: "text",
  title: `Field ${f.id}`,
  active: true,
  ...f,
});

export const userField = (f: Partial<ZdUserField> & { id: number; key: string }): ZdUserField => ({
  type: "text",
  title: f.key,
  active: true,
  ...f,
});

export const group = (g: Partial<ZdGroup> & { id: number; name: string }): ZdGroup => ({
  description: "",
  deleted: false,
  created_at: T0,
  updated_at: T0,
  ...g,
});

export const organization = (o: Partial<ZdOrganization> & { id: number; name: string }): ZdOrganization => ({
  domain_names: [],
  external_id: null,
  details: null,
  notes: null,
  tags: [],
  organization_fields: {},
  created_at: T0,
  updated_at: T0,
  deleted_at: null,
  ...o,
});

export const user = (u: Partial<ZdUser> & { id: number; name: string }): ZdUser => ({
  email: null,
  phone: null,
  role: "end-user",
  organization_id: null,
  external_id: null,
  tags: [],
  user_fields: {},
  notes: null,
  details: null,
  time_zone: null,
  locale: null,
  active: true,
  suspended: false,
  created_at: T0,
  updated_at: T0,
  ...u,
});

export const ticket = (t: Partial<ZdTicket> & { id: number; requester_id: number }): ZdTicket => ({
  external_id: null,
  via: { channel: "email" },
  created_at: T0,
  updated_at: "2024-03-02T10:00:00Z",
  type: "question",
  subject: `Ticket ${t.id}`,
  description: "",
  priority: "normal",
  status: "open",
  submitter_id: t.requester_id,
  assignee_id: null,
  organization_id: null,
  group_id: null,
  collaborator_ids: [],
  problem_id: null,
  has_incidents: false,
  due_at: null,
  tags: [],
  custom_fields: [],
  satisfaction_rating: null,
  ...t,
});

export const comment = (c: Partial<ZdCommentEvent> & { id: number; author_id: number }): ZdCommentEvent => ({
  event_type: "Comment",
  body: `Comment ${c.id}`,
  html_body: `<p>Comment ${c.id}</p>`,
  public: true,
  attachments: [] as ZdAttachment[],
  created_at: T0,
  ...c,
});

/** One audit of a ticket carrying the given comments (the incremental ticket event export). */
export const audit = (id: number, ticketId: number, comments: ZdCommentEvent[]): ZdTicketEvent => ({
  id,
  ticket_id: ticketId,
  timestamp: Math.floor(Date.parse(comments[0]?.created_at ?? T0) / 1000),
  created_at: comments[0]?.created_at ?? T0,
  updater_id: comments[0]?.author_id ?? 1,
  via: "Web form",
  event_type: "Audit",
  child_events: comments,
});
