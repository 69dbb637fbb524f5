import { sql } from "kysely";
import { exactTime, type Keyset } from "../../platform/db/cursor.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";

export type StoredAttachment = { id: string; name: string; contentType: string; size: number; key: string };

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
  },
) {
  return scope
    .insertInto("messages", {
      case_id: input.caseId,
      kind: input.kind,
      author_user_id: input.authorUserId,
      author_name: input.authorName,
      body: input.body,
      channel: input.channel,
      attachments: JSON.stringify(input.attachments),
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
    attachments: (m.attachments as StoredAttachment[]).map(({ key: _k, ...a }) => a),
    createdAt: m.createdAt.toISOString(),
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
