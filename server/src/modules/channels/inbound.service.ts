import { sql } from "kysely";
import type { ChannelInbound } from "../../../../contracts/channels.ts";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { lockCase } from "../cases/cases.repo.ts";
import { addMessageInTx, writeMessage } from "../cases/conversation.service.ts";
import { findIdentityOwner, insertCustomer, insertIdentity } from "../customers/customers.repo.ts";
import { storeChannelAttachments } from "./attachments.ts";
import {
  findThread,
  inboundExists,
  insertChannelMessage,
  insertThread,
  moveThread,
} from "./channels.repo.ts";
import { openChannelCase, SOCIAL, subjectFrom } from "./open-case.ts";

type Ctx = Pick<AppContext, "db" | "files" | "config"> & Partial<Pick<AppContext, "boss" | "log">>;
export type InboundChannel = { id: string; workspaceId: string };
/** What the SMS adapter adds: the sender's number, also matched against phone identities. */
export type InboundExtras = { phone?: string; displayName?: string };

/** The identity that ties a channel's user to a customer: kind `social`, `<channel id>:<user id>`. */
export const socialIdentity = (channelId: string, externalUserId: string) => `${channelId}:${externalUserId}`;

/**
 * One message from a channel's adapter. Threads into one case per external thread (a closed
 * case's thread continues in a follow-up case); a message id already received writes nothing.
 * Parallel first messages of one thread make one case: the transaction takes advisory locks on
 * the sender and then the thread (always in that order), so the second waits and finds the first.
 */
export async function receiveChannelMessage(
  ctx: Ctx,
  channel: InboundChannel,
  input: ChannelInbound,
  extras: InboundExtras = {},
) {
  const readScope = new TenantScope(ctx.db, channel.workspaceId);
  const seen = await inboundExists(readScope, channel.id, input.externalMessageId);
  if (seen) return { caseId: seen.caseId, messageId: seen.messageId, duplicate: true };
  if (!input.text.trim() && input.attachments.length === 0)
    throw new AppError("validation_failed", "text: is empty; a message needs text or attachments", "text");
  const attachments = await storeChannelAttachments(ctx, channel.workspaceId, input.attachments);
  const senderName =
    input.from.name ?? input.from.handle ?? extras.displayName ?? input.from.externalUserId.slice(0, 200);
  const doer = { userId: null, name: senderName };
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const scope = new TenantScope(tx, channel.workspaceId);
      await sql`select pg_advisory_xact_lock(hashtextextended(${`channel-user:${channel.id}:${input.from.externalUserId}`}, 0)),
                       pg_advisory_xact_lock(hashtextextended(${`channel-thread:${channel.id}:${input.externalThreadId}`}, 0))`.execute(
        tx,
      );
      const again = await inboundExists(scope, channel.id, input.externalMessageId);
      if (again) return { caseId: again.caseId, messageId: again.messageId, duplicate: true };
      const customerId = await resolveSender(scope, channel.id, input.from, senderName, extras.phone);
      const thread = await findThread(scope, channel.id, input.externalThreadId);
      let current = thread ? await lockCase(scope, thread.caseId) : undefined;
      // A merged case's thread continues in the case it was merged into (as email threading does).
      if (current?.mergedIntoId) current = await lockCase(scope, current.mergedIntoId);
      let caseId: string;
      let messageId: string;
      if (current && current.status !== "closed") {
        // writeMessage reopens a solved or pending case and restarts the waiting clock.
        const m = await writeMessage(
          ctx,
          scope,
          { userId: null, name: senderName, doer },
          current,
          "customer",
          {
            body: input.text,
            attachments,
            channel: SOCIAL,
          },
        );
        caseId = current.id;
        messageId = m.id;
      } else {
        caseId = await openChannelCase(ctx, scope, {
          customerId,
          subject: subjectFrom(input.text, senderName),
          text: input.text,
          doer,
        });
        const m = await addMessageInTx(scope, {
          caseId,
          customerId,
          kind: "customer",
          authorUserId: null,
          authorName: senderName,
          body: input.text,
          channel: SOCIAL,
          attachments,
          doer,
        });
        messageId = m.id;
      }
      const threadId = thread?.id
        ? thread.id
        : await insertThread(scope, {
            channelId: channel.id,
            externalThreadId: input.externalThreadId,
            caseId,
            customerId,
          });
      if (thread && thread.caseId !== caseId) await moveThread(scope, thread.id, caseId);
      await insertChannelMessage(scope, {
        channelId: channel.id,
        threadId,
        messageId,
        direction: "in",
        externalMessageId: input.externalMessageId,
        status: "received",
      });
      return { caseId, messageId, duplicate: false };
    });
  } catch (err) {
    // The same message id raced in on another thread: the unique index kept one; this is the copy.
    if ((err as { code?: string }).code === "23505") {
      const winner = await inboundExists(readScope, channel.id, input.externalMessageId);
      if (winner) return { caseId: winner.caseId, messageId: winner.messageId, duplicate: true };
    }
    throw err;
  }
}

/**
 * The sender's customer: by their `social` identity on this channel, else (SMS) by their phone
 * number, which then also gets the social identity; else a new customer with both.
 */
async function resolveSender(
  scope: TenantScope,
  channelId: string,
  from: ChannelInbound["from"],
  name: string,
  phone: string | undefined,
): Promise<string> {
  const social = socialIdentity(channelId, from.externalUserId);
  const owner = await findIdentityOwner(scope, "social", social);
  if (owner) return owner.customerId;
  const byPhone = phone ? await findIdentityOwner(scope, "phone", phone) : undefined;
  const customerId = byPhone
    ? byPhone.customerId
    : (await insertCustomer(scope, { name: name.slice(0, 200), organization: null })).id;
  await insertIdentity(scope, {
    customerId,
    kind: "social",
    value: social,
    display: from.handle ?? from.name ?? from.externalUserId,
  });
  if (phone && !byPhone)
    await insertIdentity(scope, { customerId, kind: "phone", value: phone, display: name });
  return customerId;
}
