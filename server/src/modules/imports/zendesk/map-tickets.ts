import type { ZdTicket, ZdTicketStatus } from "./zendesk-types.ts";

/**
 * Zendesk statuses to Rapport's (cases.status). They mean the same things: new (nobody has
 * answered), open, pending (waiting on the customer), on hold (waiting on a third party),
 * solved, closed. A deleted ticket is not imported (reported); any other status is unknown.
 */
const STATUSES: Partial<Record<ZdTicketStatus, string>> = {
  new: "new",
  open: "open",
  pending: "pending",
  hold: "on_hold",
  solved: "solved",
  closed: "closed",
};

const PRIORITIES = new Set(["low", "normal", "high", "urgent"]);

/**
 * Zendesk's via.channel to Rapport's channels (cases.channel). Channels Rapport has no word
 * for, and Zendesk's own (rules, merges, follow-ups, sample tickets), count as "api": the
 * ticket was made by a system, not by a person on a channel.
 */
const CHANNELS: Record<string, string> = {
  email: "email",
  web: "web",
  web_form: "web",
  web_widget: "web",
  help_center: "web",
  mobile: "web",
  mobile_sdk: "web",
  voice: "phone",
  phone: "phone",
  sms: "phone",
  chat: "chat",
  native_messaging: "chat",
  messaging: "chat",
  api: "api",
  twitter: "social",
  facebook: "social",
  instagram_dm: "social",
  whatsapp: "social",
  line: "social",
  wechat: "social",
};

export interface MappedTicket {
  externalId: string;
  requesterId: string;
  groupId: string | null;
  subject: string;
  status: string;
  priority: string;
  channel: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  /** Kept as case data (cases.import_data): what Rapport has no column for. */
  data: Record<string, unknown>;
}

const isTime = (t: unknown): t is string => typeof t === "string" && !Number.isNaN(Date.parse(t));

/**
 * One ticket as a case, or why not. The subject is stored whole (cases.subject has no limit:
 * Zammad cut it at 250 characters); a ticket without one is called "(no subject)".
 * `fieldTitles` names custom field ids (the ticket_fields writer's definitions); a field not
 * defined keeps its id as its name.
 */
export function mapTicket(t: ZdTicket, fieldTitles: Map<string, string>): MappedTicket | { skip: string } {
  if (t.status === "deleted") return { skip: "deleted ticket" };
  const status = STATUSES[t.status];
  if (!status) return { skip: `unknown ticket status "${String(t.status)}"` };
  if (!t.requester_id) return { skip: "ticket without a requester" };
  if (!isTime(t.created_at) || !isTime(t.updated_at)) return { skip: "ticket without valid times" };
  const subject = typeof t.subject === "string" && t.subject.trim() ? t.subject : "(no subject)";
  const customFields: Record<string, unknown> = {};
  for (const f of Array.isArray(t.custom_fields) ? t.custom_fields : []) {
    if (f?.value === null || f?.value === undefined || f.value === "") continue;
    customFields[fieldTitles.get(String(f.id)) ?? String(f.id)] = f.value;
  }
  const tags = Array.isArray(t.tags) ? [...new Set(t.tags.filter((x) => typeof x === "string" && x))] : [];
  return {
    externalId: String(t.id),
    requesterId: String(t.requester_id),
    groupId: t.group_id ? String(t.group_id) : null,
    subject,
    status,
    priority: t.priority && PRIORITIES.has(t.priority) ? t.priority : "normal",
    channel: CHANNELS[t.via?.channel ?? ""] ?? "api",
    tags,
    createdAt: t.created_at,
    updatedAt: t.updated_at,
    data: {
      type: t.type ?? null,
      externalId: t.external_id ?? null,
      via: t.via?.channel ?? null,
      customFields,
      satisfaction: t.satisfaction_rating ?? null,
      assigneeId: t.assignee_id ? String(t.assignee_id) : null,
      submitterId: t.submitter_id ? String(t.submitter_id) : null,
      collaboratorIds: (t.collaborator_ids ?? []).map(String),
      organizationId: t.organization_id ? String(t.organization_id) : null,
      problemId: t.problem_id ? String(t.problem_id) : null,
      dueAt: t.due_at ?? null,
      archived: t.is_archived === true,
    },
  };
}
