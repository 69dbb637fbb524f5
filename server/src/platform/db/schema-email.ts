import type { ColumnType, Generated } from "kysely";
import type { Timestamp } from "./schema.ts";

/** Kysely's view of the email tables (migrations 0003, 0005, 0008, 0011). Keep in step with the SQL. */
export interface SupportAddressesTable {
  id: Generated<string>;
  workspace_id: string;
  address: string;
  display_name: string | null;
  last_received_at: Date | null;
  created_at: Timestamp;
  imap_host: ColumnType<string | null, string | null | undefined, string | null>;
  imap_port: ColumnType<number | null, number | null | undefined, number | null>;
  imap_secure: ColumnType<boolean, boolean | undefined, boolean>;
  imap_user: ColumnType<string | null, string | null | undefined, string | null>;
  imap_password_enc: ColumnType<string | null, string | null | undefined, string | null>;
  imap_last_polled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  imap_last_error: ColumnType<string | null, string | null | undefined, string | null>;
  imap_mailbox: ColumnType<string, string | undefined, string>;
  imap_enabled: ColumnType<boolean, boolean | undefined, boolean>;
  imap_last_fetched: ColumnType<number | null, number | null | undefined, number | null>;
  imap_last_stored: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface InboundEmailsTable {
  id: Generated<string>;
  workspace_id: string;
  received_via: "smtp" | "api" | "imap";
  envelope_from: string | null;
  envelope_to: ColumnType<string[], string[] | undefined, string[]>;
  message_id: string | null;
  sha256: string;
  size: number;
  raw: Buffer;
  status: Generated<"received" | "processed" | "ignored" | "failed" | "held">;
  kind: "message" | "auto_reply" | "bounce" | "bulk" | null;
  error: string | null;
  case_id: string | null;
  received_at: Timestamp;
  processed_at: Date | null;
  /** Why bulk or list mail is held for review (status `held`). */
  held_reason: ColumnType<string | null, string | null | undefined, string | null>;
  subject: ColumnType<string | null, string | null | undefined, string | null>;
  from_address: ColumnType<string | null, string | null | undefined, string | null>;
  /** Set when an admin promoted held mail: it is then processed as a person's message. */
  promoted_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface OutboundMailTable {
  id: Generated<string>;
  workspace_id: string;
  kind: "sign_in_link" | "invitation" | "acknowledgement" | "notification";
  to_address: string;
  subject: string;
  body: string;
  headers: ColumnType<OutboundMailHeaders, OutboundMailHeaders | undefined, OutboundMailHeaders>;
  status: ColumnType<
    "queued" | "sent" | "failed" | "expired",
    "queued" | "sent" | "failed" | "expired" | undefined,
    "queued" | "sent" | "failed" | "expired"
  >;
  error: ColumnType<string | null, string | null | undefined, string | null>;
  expires_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Timestamp;
  sent_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export type OutboundMailHeaders = {
  from?: { name: string; address: string };
  replyTo?: string;
  inReplyTo?: string;
  references?: string[];
  /** One-click unsubscribe URL (RFC 8058) for mail people subscribed to, e.g. community digests. */
  listUnsubscribe?: string;
  /** A calendar invite sent as text/calendar (a live session's .ics, academy/sessions/notices.ts). */
  calendar?: { method: "REQUEST" | "CANCEL"; filename: string; content: string };
  /** An HTML part beside the text body (a chat transcript, chat/transcript/transcript.service.ts). */
  html?: string;
};

export interface AutoMailLogTable {
  id: Generated<number>;
  workspace_id: string;
  address: string;
  sent_at: Timestamp;
}
