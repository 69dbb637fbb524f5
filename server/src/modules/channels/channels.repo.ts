import type { Executor, TenantScope } from "../../platform/db/tenant.ts";
import type { ChannelMessageStatus } from "./schema-channels.ts";

// SQL for the messaging channels' three tables. Every function takes the tenant scope, except
// `findChannelByTokenHash`, which finds the scope itself (like an API token's lookup).

const CHANNEL_COLUMNS = [
  "id",
  "name",
  "kind",
  "outbound_url",
  "signing_secret",
  "settings",
  "enabled",
  "created_at",
] as const;

export async function insertChannel(
  scope: TenantScope,
  c: {
    name: string;
    kind: "messaging" | "sms";
    tokenHash: string;
    outboundUrl: string | null;
    secretSealed: string;
    settings: Record<string, unknown>;
  },
) {
  return scope
    .insertInto("messaging_channels", {
      name: c.name,
      kind: c.kind,
      token_hash: c.tokenHash,
      outbound_url: c.outboundUrl,
      signing_secret: c.secretSealed,
      settings: JSON.stringify(c.settings),
    })
    .returning(CHANNEL_COLUMNS)
    .executeTakeFirstOrThrow();
}

export type ChannelRow = Awaited<ReturnType<typeof insertChannel>>;

export async function listChannels(scope: TenantScope) {
  return scope.selectFrom("messaging_channels").select(CHANNEL_COLUMNS).orderBy("created_at").execute();
}

export async function findChannel(scope: TenantScope, id: string, opts: { lock?: boolean } = {}) {
  let q = scope.selectFrom("messaging_channels").select(CHANNEL_COLUMNS).where("id", "=", id);
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function updateChannel(
  scope: TenantScope,
  id: string,
  set: Partial<{
    name: string;
    outbound_url: string | null;
    enabled: boolean;
    settings: string;
    token_hash: string;
    signing_secret: string;
  }>,
) {
  return scope
    .updateTable("messaging_channels")
    .set({ ...set, updated_at: new Date() })
    .where("id", "=", id)
    .returning(CHANNEL_COLUMNS)
    .executeTakeFirst();
}

export async function deleteChannel(scope: TenantScope, id: string): Promise<boolean> {
  const res = await scope.deleteFrom("messaging_channels").where("id", "=", id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** The channel a Bearer token belongs to, in any workspace: this lookup finds the tenant. */
export async function findChannelByTokenHash(db: Executor, tokenHash: string) {
  return db
    .selectFrom("messaging_channels as ch")
    .innerJoin("workspaces as w", "w.id", "ch.workspace_id")
    .select([
      "ch.id",
      "ch.workspace_id as workspaceId",
      "ch.kind",
      "ch.enabled",
      "w.default_region as region",
    ])
    .where("ch.token_hash", "=", tokenHash)
    .executeTakeFirst();
}

export async function findThread(scope: TenantScope, channelId: string, externalThreadId: string) {
  return scope
    .selectFrom("channel_threads")
    .select(["id", "case_id as caseId", "customer_id as customerId"])
    .where("channel_id", "=", channelId)
    .where("external_thread_id", "=", externalThreadId)
    .executeTakeFirst();
}

/** The channel thread a case belongs to (a case has at most one). */
export async function threadOfCase(scope: TenantScope, caseId: string) {
  return scope
    .selectFrom("channel_threads")
    .innerJoin("messaging_channels as ch", "ch.id", "channel_threads.channel_id")
    .select([
      "channel_threads.id",
      "channel_threads.channel_id as channelId",
      "channel_threads.external_thread_id as externalThreadId",
      "ch.outbound_url as outboundUrl",
      "ch.enabled",
    ])
    .where("channel_threads.case_id", "=", caseId)
    .executeTakeFirst();
}

export async function insertThread(
  scope: TenantScope,
  t: { channelId: string; externalThreadId: string; caseId: string; customerId: string },
) {
  const row = await scope
    .insertInto("channel_threads", {
      channel_id: t.channelId,
      external_thread_id: t.externalThreadId,
      case_id: t.caseId,
      customer_id: t.customerId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A closed case's thread continues in the follow-up case its next message opens. */
export async function moveThread(scope: TenantScope, threadId: string, caseId: string) {
  await scope.updateTable("channel_threads").set({ case_id: caseId }).where("id", "=", threadId).execute();
}

export async function inboundExists(scope: TenantScope, channelId: string, externalMessageId: string) {
  return scope
    .selectFrom("channel_messages")
    .innerJoin("channel_threads as t", "t.id", "channel_messages.thread_id")
    .select(["channel_messages.message_id as messageId", "t.case_id as caseId"])
    .where("channel_messages.channel_id", "=", channelId)
    .where("channel_messages.direction", "=", "in")
    .where("channel_messages.external_message_id", "=", externalMessageId)
    .executeTakeFirst();
}

export async function insertChannelMessage(
  scope: TenantScope,
  m: {
    channelId: string;
    threadId: string;
    messageId: string;
    direction: "in" | "out";
    externalMessageId: string | null;
    status: ChannelMessageStatus;
    lastError?: string | null;
  },
) {
  const row = await scope
    .insertInto("channel_messages", {
      channel_id: m.channelId,
      thread_id: m.threadId,
      message_id: m.messageId,
      direction: m.direction,
      external_message_id: m.externalMessageId,
      status: m.status,
      last_error: m.lastError ?? null,
      delivered_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const DELIVERY_COLUMNS = [
  "channel_messages.id",
  "channel_messages.message_id as messageId",
  "channel_messages.status",
  "channel_messages.attempts",
  "channel_messages.last_error as lastError",
  "channel_messages.delivered_at as deliveredAt",
] as const;

/** The outbound deliveries of a case's replies, oldest first. */
export async function deliveriesOfCase(scope: TenantScope, caseId: string) {
  return scope
    .selectFrom("channel_messages")
    .innerJoin("messages as m", "m.id", "channel_messages.message_id")
    .select(DELIVERY_COLUMNS)
    .where("m.case_id", "=", caseId)
    .where("channel_messages.direction", "=", "out")
    .orderBy("channel_messages.created_at")
    .execute();
}

/** One outbound delivery by its reply's message id, locked (retry), with the case it is on. */
export async function lockDeliveryOfMessage(scope: TenantScope, messageId: string) {
  return scope
    .selectFrom("channel_messages")
    .innerJoin("messages as m", "m.id", "channel_messages.message_id")
    .select([...DELIVERY_COLUMNS, "m.case_id as caseId", "channel_messages.channel_id as channelId"])
    .where("channel_messages.message_id", "=", messageId)
    .where("channel_messages.direction", "=", "out")
    .forUpdate("channel_messages")
    .executeTakeFirst();
}

export async function setDelivery(
  scope: TenantScope,
  id: string,
  set: {
    status: ChannelMessageStatus;
    attempts?: number;
    lastError: string | null;
    deliveredAt?: Date | null;
  },
) {
  await scope
    .updateTable("channel_messages")
    .set({
      status: set.status,
      last_error: set.lastError,
      ...(set.attempts !== undefined ? { attempts: set.attempts } : {}),
      ...(set.deliveredAt !== undefined ? { delivered_at: set.deliveredAt } : {}),
    })
    .where("id", "=", id)
    .execute();
}

/**
 * An outbound delivery for its job, in any workspace (the job carries only the id), locked so
 * two jobs for one reply can never both send it; a row another job holds is skipped.
 */
export async function lockDeliveryForJob(db: Executor, channelMessageId: string) {
  return db
    .selectFrom("channel_messages as cm")
    .innerJoin("messaging_channels as ch", "ch.id", "cm.channel_id")
    .innerJoin("channel_threads as t", "t.id", "cm.thread_id")
    .innerJoin("messages as m", "m.id", "cm.message_id")
    .innerJoin("cases as c", "c.id", "m.case_id")
    .select([
      "cm.id",
      "cm.workspace_id as workspaceId",
      "cm.status",
      "cm.attempts",
      "ch.id as channelId",
      "ch.kind",
      "ch.outbound_url as outboundUrl",
      "ch.enabled",
      "ch.signing_secret as secretSealed",
      "ch.settings",
      "t.external_thread_id as externalThreadId",
      "t.customer_id as threadCustomerId",
      "m.id as messageId",
      "m.body",
      "m.author_name as authorName",
      "m.attachments",
      "m.created_at as createdAt",
      "c.id as caseId",
      "c.customer_id as customerId",
    ])
    .where("cm.id", "=", channelMessageId)
    .where("cm.direction", "=", "out")
    .forNoKeyUpdate("cm")
    .skipLocked()
    .executeTakeFirst();
}

/** The thread starter's user id on the channel, from their `social` identity. */
export async function externalUserOf(scope: TenantScope, customerId: string, channelId: string) {
  const row = await scope
    .selectFrom("customer_identities")
    .select("value")
    .where("customer_id", "=", customerId)
    .where("kind", "=", "social")
    .where("value", "like", `${channelId}:%`)
    .executeTakeFirst();
  return row ? row.value.slice(channelId.length + 1) : null;
}
