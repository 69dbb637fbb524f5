import { sql } from "kysely";
import { exactTime, type Keyset } from "../../platform/db/cursor.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";

export type StoredAttachment = {
  id: string;
  name: string;
  contentType: string;
  size: number;
  key: string;
  /** Content-ID of an inline image in email HTML. */
  cid?: string | undefined;
};

/** What an email-borne message carries besides its text (threading ids, safe HTML, flags). */
export type EmailFields = {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  html: string | null;
  fromAddress: string | null;
  flagged: string | null;
  inboundId: string | null;
  deliveryStatus?: "queued" | null;
  /** An agent reply's copies (migration 0018). */
  cc?: string[];
  bcc?: string[];
};

export async function insertMessage(
  scope: TenantScope,
  input: {
    caseId: string;
    kind: "customer" | "reply" | "note";
    authorUserId: string | null;
    authorName: string;
    body: string;
    channel: string;
    attachments: StoredAttachment[];
    email?: EmailFields | undefined;
  },
) {
  const e = input.email;
  return scope
    .insertInto("messages", {
      case_id: input.caseId,
      kind: input.kind,
      author_user_id: input.authorUserId,
      author_name: input.authorName,
      body: input.body,
      channel: input.channel,
      attachments: JSON.stringify(input.attachments),
      ...(e
        ? {
            // The moment of the insert, not of the transaction's start (now()): a reply whose
            // transaction began before its root was placed first would otherwise be dated before
            // the root (placeRootFirst, email/process.ts), and mail applied in one shared
            // transaction keeps its order instead of sharing one time.
            created_at: sql<Date>`clock_timestamp()`,
            email_message_id: e.messageId,
            email_in_reply_to: e.inReplyTo,
            email_references: e.references,
            body_html: e.html,
            from_address: e.fromAddress,
            flagged: e.flagged,
            inbound_email_id: e.inboundId,
            delivery_status: e.deliveryStatus ?? null,
            email_cc: e.cc ?? [],
            email_bcc: e.bcc ?? [],
          }
        : {}),
    })
    .returning(["id", "created_at as createdAt"])
    .executeTakeFirstOrThrow();
}

/** A case's conversation, oldest first. Customers' views leave internal notes out. */
export async function listMessages(
  scope: TenantScope,
  caseId: string,
  opts: { includeNotes: boolean; after: Keyset | undefined; limit: number },
) {
  let q = scope
    .selectFrom("messages")
    .select([
      "id",
      "case_id as caseId",
      "kind",
      "author_user_id as authorId",
      "author_name as authorName",
      "body",
      "channel",
      "attachments",
      "created_at as createdAt",
      "body_html as bodyHtml",
      "from_address as fromAddress",
      "flagged",
      "delivery_status as deliveryStatus",
      "delivery_error as deliveryError",
      "inbound_email_id as inboundEmailId",
      "email_cc as cc",
      exactTime("messages.created_at").as("cursorAt"),
    ])
    .where("case_id", "=", caseId)
    .orderBy("created_at")
    .orderBy("id")
    .limit(opts.limit + 1);
  if (!opts.includeNotes) q = q.where("kind", "<>", "note");
  if (opts.after) {
    q = q.where(
      sql<boolean>`(messages.created_at, messages.id) > (${opts.after.at}::timestamptz, ${opts.after.id}::uuid)`,
    );
  }
  return q.execute();
}

export type MessageRow = Awaited<ReturnType<typeof listMessages>>[number];

export function presentMessage(m: MessageRow) {
  return {
    id: m.id,
    caseId: m.caseId,
    kind: m.kind,
    author: { id: m.authorId, name: m.authorName },
    body: m.body,
    channel: m.channel,
    attachments: (m.attachments as StoredAttachment[]).map(({ key: _k, cid, ...a }) =>
      cid ? { ...a, cid } : a,
    ),
    createdAt: m.createdAt.toISOString(),
    email:
      m.channel === "email" || m.deliveryStatus
        ? {
            html: m.bodyHtml,
            from: m.fromAddress,
            flagged: m.flagged,
            deliveryStatus: m.deliveryStatus,
            deliveryError: m.deliveryError,
            hasRaw: m.inboundEmailId !== null,
            ...(m.cc.length > 0 ? { cc: m.cc } : {}),
          }
        : null,
  };
}

/** The message holding an attachment, to check who may download it. */
export async function findAttachment(scope: TenantScope, attachmentId: string) {
  const row = await scope
    .selectFrom("messages")
    .select(["case_id as caseId", "kind", "attachments"])
    .where(sql<boolean>`attachments @> ${JSON.stringify([{ id: attachmentId }])}::jsonb`)
    .executeTakeFirst();
  if (!row) return undefined;
  const attachment = (row.attachments as StoredAttachment[]).find((a) => a.id === attachmentId);
  return attachment ? { caseId: row.caseId, kind: row.kind, attachment } : undefined;
}
