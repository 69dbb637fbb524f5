/**
 * The shapes of Zendesk Support REST API v2 records, as the importer reads them (issue #24).
 * Only the fields Rapport maps are typed; everything else Zendesk sends is ignored. The fake
 * server in server/test/zendesk/ serves exactly these shapes, so the two cannot drift apart.
 * Ids are numbers in Zendesk's JSON (64-bit, but below 2^53 in practice); Rapport stores them
 * as text.
 */

export type ZdId = number;
export type ZdTime = string; // ISO 8601, e.g. "2024-03-01T10:00:00Z"

export interface ZdUser {
  id: ZdId;
  name: string;
  email: string | null;
  phone: string | null;
  role: "end-user" | "agent" | "admin";
  organization_id: ZdId | null;
  external_id: string | null;
  tags: string[];
  /** Custom user fields by field key. */
  user_fields: Record<string, unknown>;
  notes: string | null;
  details: string | null;
  time_zone: string | null;
  locale: string | null;
  /** False for deleted users: Zendesk keeps them in exports with their data scrubbed. */
  active: boolean;
  suspended: boolean;
  created_at: ZdTime;
  updated_at: ZdTime;
}

/** Sideloaded with `include=identities` on the incremental user export. */
export interface ZdUserIdentity {
  id: ZdId;
  user_id: ZdId;
  type: "email" | "phone_number" | "twitter" | "facebook" | "google" | "agent_forwarding" | "sdk";
  value: string;
  verified: boolean;
  primary: boolean;
}

export interface ZdOrganization {
  id: ZdId;
  name: string;
  domain_names: string[];
  external_id: string | null;
  details: string | null;
  notes: string | null;
  tags: string[];
  organization_fields: Record<string, unknown>;
  created_at: ZdTime;
  updated_at: ZdTime;
  /** Set when the organization was deleted (it still appears in the incremental export). */
  deleted_at: ZdTime | null;
}

export interface ZdGroup {
  id: ZdId;
  name: string;
  description: string;
  deleted: boolean;
  created_at: ZdTime;
  updated_at: ZdTime;
}

export type ZdTicketStatus = "new" | "open" | "pending" | "hold" | "solved" | "closed" | "deleted";

export interface ZdTicket {
  id: ZdId;
  external_id: string | null;
  via: { channel: string; source?: unknown };
  created_at: ZdTime;
  updated_at: ZdTime;
  type: "problem" | "incident" | "question" | "task" | null;
  subject: string | null;
  description: string | null;
  priority: "urgent" | "high" | "normal" | "low" | null;
  status: ZdTicketStatus;
  requester_id: ZdId | null;
  submitter_id: ZdId | null;
  assignee_id: ZdId | null;
  organization_id: ZdId | null;
  group_id: ZdId | null;
  collaborator_ids: ZdId[];
  /** For an incident: the problem ticket it belongs to. */
  problem_id: ZdId | null;
  has_incidents: boolean;
  due_at: ZdTime | null;
  tags: string[];
  custom_fields: Array<{ id: ZdId; value: unknown }>;
  satisfaction_rating: { id?: ZdId; score: string; comment?: string | null; reason?: string | null } | null;
  /** Zendesk's archive: closed tickets older than 120 days. Still in the incremental export. */
  is_archived?: boolean;
}

export interface ZdAttachment {
  id: ZdId;
  file_name: string;
  content_url: string;
  content_type: string;
  size: number;
  inline: boolean;
}

/** A comment, as a child event of a ticket audit (`include=comment_events`). */
export interface ZdCommentEvent {
  id: ZdId;
  event_type: "Comment";
  author_id: ZdId;
  body: string;
  html_body: string;
  public: boolean;
  attachments: ZdAttachment[];
  created_at: ZdTime;
}

/** One record of the incremental ticket event export with `include=comment_events`. */
export interface ZdTicketEvent {
  id: ZdId;
  ticket_id: ZdId;
  timestamp: number; // Unix seconds
  created_at: ZdTime;
  updater_id: ZdId;
  via: string;
  event_type: "Audit" | string;
  child_events: Array<ZdCommentEvent | { id: ZdId; event_type: string; [k: string]: unknown }>;
}

export interface ZdFieldOption {
  name: string;
  value: string;
}

export interface ZdTicketField {
  id: ZdId;
  type: string; // text, textarea, checkbox, date, integer, decimal, regexp, tagger, multiselect, lookup, …
  title: string;
  active: boolean;
  custom_field_options?: ZdFieldOption[];
}

export interface ZdUserField {
  id: ZdId;
  key: string;
  type: string;
  title: string;
  active: boolean;
  custom_field_options?: ZdFieldOption[];
}

export type ZdOrganizationField = ZdUserField;

export interface ZdMacro {
  id: ZdId;
  title: string;
  description: string | null;
  active: boolean;
  actions: Array<{ field: string; value: unknown }>;
  /** Null: shared with everyone; otherwise limited to a group or a user. */
  restriction: { type: "Group" | "User"; id: ZdId; ids?: ZdId[] } | null;
  created_at: ZdTime;
  updated_at: ZdTime;
}

export interface ZdSatisfactionRating {
  id: ZdId;
  ticket_id: ZdId;
  requester_id: ZdId;
  assignee_id: ZdId | null;
  group_id: ZdId | null;
  score: "good" | "bad" | "offered" | "unoffered";
  comment: string | null;
  reason: string | null;
  created_at: ZdTime;
  updated_at: ZdTime;
}

export interface ZdHcCategory {
  id: ZdId;
  name: string;
  description: string;
  locale: string;
  source_locale: string;
  position: number;
  created_at: ZdTime;
  updated_at: ZdTime;
}

export interface ZdHcSection {
  id: ZdId;
  category_id: ZdId;
  name: string;
  description: string;
  locale: string;
  source_locale: string;
  position: number;
  created_at: ZdTime;
  updated_at: ZdTime;
}

export interface ZdHcTranslation {
  id: ZdId;
  source_id: ZdId;
  source_type: "Article" | "Section" | "Category";
  locale: string;
  title: string;
  body: string | null;
  draft: boolean;
  outdated: boolean;
  created_at: ZdTime;
  updated_at: ZdTime;
}

export interface ZdHcArticle {
  id: ZdId;
  section_id: ZdId;
  title: string;
  body: string | null;
  locale: string;
  source_locale: string;
  author_id: ZdId | null;
  draft: boolean;
  promoted: boolean;
  position: number;
  label_names: string[];
  html_url: string;
  created_at: ZdTime;
  updated_at: ZdTime;
  edited_at: ZdTime;
  /** Sideloaded with `include=translations` (the source locale's own text is one of them). */
  translations?: ZdHcTranslation[];
}
