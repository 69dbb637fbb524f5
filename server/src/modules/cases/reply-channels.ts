import type { AppContext } from "../../platform/context.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import type { StoredAttachment } from "./messages.repo.ts";

/**
 * How a case's own channel carries an agent's reply, when it is not email alone: a chat
 * pushes it to the visitor's widget, a messaging channel posts it to the channel's endpoint.
 * The chat and channels modules register themselves here (at start-up), so the cases module
 * never imports them; a case whose channel has no entry is answered by email, as before.
 */
export type ReplyChannel = {
  /**
   * Where the reply is also emailed: undefined for the customer's usual address (the
   * default), null for no email at all (a live chat, a channel thread), or an address
   * (a chat that went offline and continues by email to the address the visitor left).
   */
  emailTo(scope: TenantScope, c: { id: string; customerId: string }): Promise<string | null | undefined>;
  /**
   * Runs in the reply's transaction, after the message is written: queue the delivery,
   * publish to the visitor. Throwing rolls the reply back, so keep failures for the job.
   */
  afterReply(
    ctx: Partial<Pick<AppContext, "boss" | "config">>,
    scope: TenantScope,
    reply: ReplyOnChannel,
  ): Promise<void>;
};

export type ReplyOnChannel = {
  caseId: string;
  customerId: string;
  messageId: string;
  body: string;
  authorUserId: string | null;
  authorName: string;
  attachments: StoredAttachment[];
  createdAt: Date;
};

const channels = new Map<string, ReplyChannel>();

/** Registers how replies on cases of `channel` travel (one owner per channel). */
export function registerReplyChannel(channel: string, replyChannel: ReplyChannel): void {
  channels.set(channel, replyChannel);
}

export function replyChannelOf(channel: string): ReplyChannel | undefined {
  return channels.get(channel);
}
