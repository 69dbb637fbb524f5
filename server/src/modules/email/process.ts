import { randomUUID } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { insertCase, lockCase, nextCaseNumber, updateCaseRow } from "../cases/cases.repo.ts";
import { addMessageInTx } from "../cases/conversation.service.ts";
import type { StoredAttachment } from "../cases/messages.repo.ts";
import {
  findCustomer,
  findIdentityOwner,
  insertCustomer,
  insertIdentity,
  updateCustomer,
} from "../customers/customers.repo.ts";
import { appendEvent } from "../timeline/timeline.ts";
import { queueAcknowledgement } from "./acknowledge.ts";
import { type ParsedEmail, parseEmail } from "./parse.ts";
import { newReplyToken } from "./reply-token.ts";
import { findThread } from "./threading.ts";

type Ctx = Pick<AppContext, "db" | "files" | "log" | "boss" | "config">;

/**
 * The `email.process` job: apply one stored inbound message exactly once. The inbound row is
 * locked and its status checked and flipped in the same transaction as everything the message
 * causes, so a retry after a crash either finds the work done or does all of it.
 * A message that cannot be parsed is marked failed with the reason (admins can retry it);
 * database trouble throws, and pg-boss retries with backoff.
 */
export async function processInbound(ctx: Ctx, inboundId: string): Promise<void> {
  const stored = await ctx.db
    .selectFrom("inbound_emails")
    .select(["id", "workspace_id as workspaceId", "raw", "status", "envelope_to as envelopeTo"])
    .where("id", "=", inboundId)
    .executeTakeFirst();
  if (stored?.status !== "received") return;

  let mail: ParsedEmail;
  try {
    mail = await parseEmail(stored.raw);
    if (!mail.from) throw new Error("the message has no usable From address");
  } catch (err) {
    await ctx.db
      .updateTable("inbound_emails")
      .set({ status: "failed", error: (err as Error).message.slice(0, 1000), processed_at: new Date() })
      .where("id", "=", inboundId)
      .where("status", "=", "received")
      .execute();
    ctx.log.warn({ inboundId, err }, "inbound mail could not be parsed");
    return;
  }
  const attachments = mail.kind === "message" ? await storeAttachments(ctx, stored.workspaceId, mail) : [];

  await ctx.db.transaction().execute(async (tx) => {
    const locked = await tx
      .selectFrom("inbound_emails")
      .select("status")
      .where("id", "=", inboundId)
      .forUpdate()
      .executeTakeFirst();
    if (locked?.status !== "received") return; // another attempt finished first
    const scope = new TenantScope(tx, stored.workspaceId);
    const sender = mail.from as NonNullable<ParsedEmail["from"]>;
    const recipients = [...stored.envelopeTo, ...mail.recipients];
    const done = (fields: {
      status: "processed" | "ignored";
      kind: ParsedEmail["kind"];
      caseId: string | null;
    }) =>
      tx
        .updateTable("inbound_emails")
        .set({
          status: fields.status,
          kind: fields.kind,
          case_id: fields.caseId,
          processed_at: new Date(),
          error: null,
        })
        .where("id", "=", inboundId)
        .execute();

    if (mail.kind === "bounce") {
      const caseId = await recordBounce(scope, mail);
      return done({ status: "ignored", kind: "bounce", caseId });
    }
    const thread = await findThread(scope, { ...mail, recipients, sender: sender.address });
    if (mail.kind === "auto_reply") {
      if (thread) {
        await appendEvent(scope, {
          customerId: thread.customerId,
          caseId: thread.caseId,
          kind: "email.auto_reply",
          data: { from: sender.address, subject: mail.subject },
          doer: { userId: null, name: sender.name || sender.address },
        });
      }
      return done({ status: "ignored", kind: "auto_reply", caseId: thread?.caseId ?? null });
    }

    const customerId = await resolveSender(scope, sender);
    const doer = { userId: null, name: sender.name || sender.address };
    const email = {
      messageId: mail.messageId,
      inReplyTo: mail.inReplyTo,
      references: mail.references,
      html: mail.html,
      fromAddress: sender.address,
      flagged: null as string | null,
      inboundId,
    };
    let caseId = thread?.caseId;
    const current = caseId ? await lockCase(scope, caseId) : undefined;
    if (current && current.status !== "closed") {
      email.flagged = current.customerId === customerId ? null : "unknown_sender";
      if (current.status === "solved" || current.status === "pending") {
        await updateCaseRow(scope, current.id, { status: "open", waiting_since: new Date() });
        await appendEvent(scope, {
          customerId: current.customerId,
          caseId: current.id,
          kind: "case.status_changed",
          data: { from: current.status, to: "open" },
          doer,
        });
      } else {
        await tx
          .updateTable("cases")
          .set({ waiting_since: new Date() })
          .where("id", "=", current.id)
          .where("waiting_since", "is", null)
          .execute();
      }
    } else {
      // A new conversation (or a reply to a closed case, which opens a follow-up).
      const number = await nextCaseNumber(scope);
      const subject = mail.subject.replace(/\s*\[#\d+\]\s*/, " ").trim() || "(no subject)";
      caseId = await insertCase(scope, {
        number,
        customerId,
        subject,
        channel: "email",
        priority: "normal",
        tags: [],
        assigneeId: null,
        teamId: null,
      });
      const replyToken = newReplyToken();
      await tx.updateTable("cases").set({ reply_token: replyToken }).where("id", "=", caseId).execute();
      const workspace = await tx
        .selectFrom("workspaces")
        .select("name")
        .where("id", "=", stored.workspaceId)
        .executeTakeFirstOrThrow();
      await queueAcknowledgement(ctx, scope, {
        to: sender.address,
        number,
        subject,
        replyToken,
        inReplyTo: mail.messageId,
        workspaceName: workspace.name,
      });
      await appendEvent(scope, {
        customerId,
        caseId,
        kind: "case.created",
        data: { number, subject, channel: "email" },
        doer,
      });
      await publish(tx, {
        workspaceId: stored.workspaceId,
        audience: { kind: "staff" },
        event: { type: "case.created", caseId, number, customerId },
      });
    }
    await addMessageInTx(scope, {
      caseId: caseId as string,
      customerId: current && current.status !== "closed" ? current.customerId : customerId,
      kind: "customer",
      authorUserId: null,
      authorName: sender.name || sender.address,
      body: mail.text,
      channel: "email",
      attachments,
      doer,
      email,
    });
    await done({ status: "processed", kind: "message", caseId: caseId as string });
  });
}

/** The sender's customer, found by any identity, or created; a display name fills a missing name. */
async function resolveSender(scope: TenantScope, sender: { address: string; name: string }): Promise<string> {
  const owner = await findIdentityOwner(scope, "email", sender.address);
  if (owner) {
    const customer = await findCustomer(scope, owner.customerId);
    const placeholder =
      !customer || customer.name === sender.address || customer.name === sender.address.split("@")[0];
    if (sender.name && placeholder)
      await updateCustomer(scope, owner.customerId, { name: sender.name.slice(0, 200) });
    return owner.customerId;
  }
  const created = await insertCustomer(scope, {
    name: (sender.name || sender.address).slice(0, 200),
    organization: null,
  });
  await insertIdentity(scope, {
    customerId: created.id,
    kind: "email",
    value: sender.address,
    display: sender.address,
  });
  return created.id;
}

/** A bounce marks the address undeliverable on its customer and tells the case why. */
async function recordBounce(scope: TenantScope, mail: ParsedEmail): Promise<string | null> {
  const bounce = mail.bounce;
  if (!bounce) return null;
  await scope
    .updateTable("customer_identities")
    .set({ undeliverable: bounce.reason })
    .where("kind", "=", "email")
    .where("value", "=", bounce.recipient)
    .execute();
  const original = bounce.originalMessageId
    ? await scope
        .selectFrom("messages")
        .innerJoin("cases as c", "c.id", "messages.case_id")
        .select(["c.id as caseId", "c.customer_id as customerId"])
        .where("messages.email_message_id", "=", bounce.originalMessageId)
        .executeTakeFirst()
    : undefined;
  const owner = original ? undefined : await findIdentityOwner(scope, "email", bounce.recipient);
  const customerId = original?.customerId ?? owner?.customerId;
  if (customerId) {
    await appendEvent(scope, {
      customerId,
      caseId: original?.caseId ?? null,
      kind: "email.bounced",
      data: { address: bounce.recipient, reason: bounce.reason },
      doer: { userId: null, name: "Mail system" },
    });
  }
  return original?.caseId ?? null;
}

/** Attachments and inline images go to file storage; the real type is sniffed from the bytes. */
async function storeAttachments(
  ctx: Ctx,
  workspaceId: string,
  mail: ParsedEmail,
): Promise<StoredAttachment[]> {
  const stored: StoredAttachment[] = [];
  for (const a of mail.attachments) {
    const sniffed = await fileTypeFromBuffer(a.content).catch(() => undefined);
    const key = await ctx.files.save(workspaceId, a.content);
    stored.push({
      id: randomUUID(),
      name: a.filename,
      contentType: sniffed?.mime ?? a.contentType,
      size: a.content.length,
      key,
      cid: a.cid,
    });
  }
  return stored;
}
