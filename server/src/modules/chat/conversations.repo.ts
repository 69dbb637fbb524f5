import { sql } from "kysely";
import type { TenantScope } from "../../platform/db/tenant.ts";
import type { ChatStatus } from "./schema-chat.ts";

export type ConversationRow = {
  id: string;
  visitor_id: string;
  case_id: string;
  topic: string | null;
  status: ChatStatus;
  started_at: Date;
  first_reply_at: Date | null;
  offline_email: string | null;
  visitor_read_at: Date | null;
  agent_read_at: Date | null;
};

const columns = [
  "chat_conversations.id as id",
  "chat_conversations.visitor_id as visitor_id",
  "chat_conversations.case_id as case_id",
  "chat_conversations.topic as topic",
  "chat_conversations.status as status",
  "chat_conversations.started_at as started_at",
  "chat_conversations.first_reply_at as first_reply_at",
  "chat_conversations.offline_email as offline_email",
  "chat_conversations.visitor_read_at as visitor_read_at",
  "chat_conversations.agent_read_at as agent_read_at",
] as const;

/**
 * The visitor's open chat (not ended, its case not closed), newest first. A verified visitor's
 * chat is found through every visitor with the same host user id, so it follows them to a
 * second device; an anonymous visitor only ever sees their own.
 */
export async function openConversationOf(
  scope: TenantScope,
  visitor: { id: string; verified_user_id: string | null },
  opts: { lock?: boolean } = {},
) {
  let q = scope
    .selectFrom("chat_conversations")
    .innerJoin("cases", "cases.id", "chat_conversations.case_id")
    .innerJoin("chat_visitors as v", "v.id", "chat_conversations.visitor_id")
    .select(columns)
    .where("chat_conversations.status", "!=", "ended")
    .where("cases.status", "!=", "closed")
    .where("cases.merged_into_case_id", "is", null);
  q = visitor.verified_user_id
    ? q.where((eb) =>
        eb.or([
          eb("chat_conversations.visitor_id", "=", visitor.id),
          eb("v.verified_user_id", "=", visitor.verified_user_id),
        ]),
      )
    : q.where("chat_conversations.visitor_id", "=", visitor.id);
  q = q.orderBy("chat_conversations.started_at", "desc").limit(1);
  if (opts.lock) q = q.forUpdate(["chat_conversations"]);
  return (await q.executeTakeFirst()) as ConversationRow | undefined;
}

export async function findConversationByCase(scope: TenantScope, caseId: string) {
  return (await scope
    .selectFrom("chat_conversations")
    .select(columns)
    .where("case_id", "=", caseId)
    .executeTakeFirst()) as ConversationRow | undefined;
}

export async function insertConversation(
  scope: TenantScope,
  c: { visitorId: string; caseId: string; topic: string | null },
) {
  return (await scope
    .insertInto("chat_conversations", {
      visitor_id: c.visitorId,
      case_id: c.caseId,
      topic: c.topic,
      first_reply_at: null,
      missed_at: null,
      offline_email: null,
      visitor_read_at: null,
      agent_read_at: null,
      ended_at: null,
    })
    .returning(columns.map((c) => c.replace("chat_conversations.", "")) as never)
    .executeTakeFirstOrThrow()) as ConversationRow;
}

export async function updateConversation(
  scope: TenantScope,
  id: string,
  set: Partial<{
    status: ChatStatus;
    first_reply_at: Date;
    visitor_read_at: Date;
    agent_read_at: Date;
    offline_email: string | null;
  }>,
): Promise<void> {
  await scope.updateTable("chat_conversations").set(set).where("id", "=", id).execute();
}

export type ChatMessageRow = {
  id: string;
  kind: "customer" | "reply";
  author_user_id: string | null;
  author_name: string;
  body: string;
  attachments: Array<{ id: string; name: string; contentType: string; size: number }>;
  created_at: Date;
};

/** The conversation as the visitor sees it: never internal notes; the last 200 messages. */
export async function chatMessages(scope: TenantScope, caseId: string): Promise<ChatMessageRow[]> {
  const rows = await scope
    .selectFrom("messages")
    .select(["id", "kind", "author_user_id", "author_name", "body", "attachments", "created_at"])
    .where("case_id", "=", caseId)
    .where("kind", "!=", "note")
    .orderBy(sql`created_at desc, id desc`)
    .limit(200)
    .execute();
  return (rows as unknown as ChatMessageRow[]).reverse();
}
