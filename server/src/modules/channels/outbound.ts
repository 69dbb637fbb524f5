import type { AppContext } from "../../platform/context.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { enqueueInTx } from "../../platform/jobs/enqueue.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { type ReplyOnChannel, registerReplyChannel } from "../cases/reply-channels.ts";
import { insertChannelMessage, threadOfCase } from "./channels.repo.ts";
import { SOCIAL } from "./open-case.ts";

export const NO_OUTBOUND_URL = "This channel has no outbound URL: set one in Settings → Channels, then retry";
export const CHANNEL_DISABLED = "This channel is disabled: enable it in Settings → Channels, then retry";

/**
 * Replies on a channel thread's case travel back through the channel, never by email. A
 * "social" case without a thread (opened by hand with that channel) is answered by email as
 * before. Called once at start-up (runtime.ts).
 */
export function registerChannelReplies(): void {
  registerReplyChannel(SOCIAL, {
    emailTo: async (scope, c) => ((await threadOfCase(scope, c.id)) ? null : undefined),
    afterReply: queueChannelReply,
  });
}

/**
 * In the reply's transaction: the outbound row and its delivery job, so the reply and its
 * delivery exist together. Without an outbound URL (or with the channel disabled) the row is
 * written failed with the reason, which the case view shows with a retry button.
 */
async function queueChannelReply(
  ctx: Partial<Pick<AppContext, "boss" | "config">>,
  scope: TenantScope,
  reply: ReplyOnChannel,
): Promise<void> {
  const thread = await threadOfCase(scope, reply.caseId);
  if (!thread) return;
  const refusal = !thread.outboundUrl ? NO_OUTBOUND_URL : !thread.enabled ? CHANNEL_DISABLED : null;
  const id = await insertChannelMessage(scope, {
    channelId: thread.channelId,
    threadId: thread.id,
    messageId: reply.messageId,
    direction: "out",
    externalMessageId: null,
    status: refusal ? "failed" : "queued",
    lastError: refusal,
  });
  // The CLI (demo) has no job queue: the reply stays queued until a retry.
  if (!refusal && ctx.boss)
    await enqueueInTx(ctx.boss, scope.db, "channel.deliver", { channelMessageId: id });
}

/** Tells open case pages that a delivery changed, so the badge beside the reply moves on. */
export async function announceDelivery(
  scope: TenantScope,
  c: { caseId: string; customerId: string },
): Promise<void> {
  await publish(scope.db, {
    workspaceId: scope.workspaceId,
    audience: { kind: "staff" },
    event: { type: "case.updated", caseId: c.caseId, customerId: c.customerId },
  });
}
