import { randomUUID } from "node:crypto";
import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { enqueueInTx } from "../../platform/jobs/enqueue.ts";
import { sendQueuedMail } from "../../platform/mail/outbox.ts";
import { explainRelayError, hasRelay, relayFor } from "../../platform/mail/relay.ts";
import { publish } from "../../platform/realtime/publish.ts";
import type { StoredAttachment } from "../cases/messages.repo.ts";
import { replyChannelOf } from "../cases/reply-channels.ts";
import { sendForwardEmail } from "../composer/forward-send.ts";
import { withAgentSignature } from "../composer/signature.repo.ts";
import { senderOf } from "../profiles/profiles.repo.ts";
import { markdownToEmailHtml } from "./markdown.ts";
import { newReplyToken } from "./reply-token.ts";

/**
 * Agent replies go out as email when the customer has a deliverable address. The reply is
 * stored with its own Message-ID, In-Reply-To and References at once (so answers thread even
 * before it is sent) and status "queued"; the `email.send` job delivers it through the
 * workspace's relay (Settings → Email) or SMTP_URL, with retries. Without a relay it waits in
 * the outbox and is sent once one is configured.
 */
export type OutboundPlan = {
  to: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
};

export async function planReplyEmail(
  scope: TenantScope,
  caseId: string,
  customerId: string,
  /** An address the case's channel chose (a chat continued by email); else the customer's. */
  address?: string,
): Promise<OutboundPlan | undefined> {
  const to = address
    ? { value: address }
    : await scope
        .selectFrom("customer_identities")
        .select("value")
        .where("customer_id", "=", customerId)
        .where("kind", "=", "email")
        .where("undeliverable", "is", null)
        .orderBy("created_at")
        .executeTakeFirst();
  if (!to) return undefined;
  const domain = (await mailDomain(scope)) ?? "localhost";
  const earlier = await scope
    .selectFrom("messages")
    .select(["email_message_id as id", "kind"])
    .where("case_id", "=", caseId)
    .where("email_message_id", "is not", null)
    .orderBy("created_at")
    .execute();
  const lastFromCustomer = [...earlier].reverse().find((m) => m.kind === "customer");
  return {
    to: to.value,
    messageId: `<${randomUUID()}@${domain}>`,
    inReplyTo: lastFromCustomer?.id ?? earlier[earlier.length - 1]?.id ?? null,
    references: earlier.map((m) => m.id as string).slice(-20),
  };
}

export async function queueReplyEmail(
  ctx: Pick<AppContext, "boss" | "config">,
  scope: TenantScope,
  messageId: string,
) {
  if (!(await hasRelay({ db: scope.db, config: ctx.config }, scope.workspaceId))) return; // stays in the outbox
  await enqueueInTx(ctx.boss, scope.db, "email.send", { messageId });
}

async function mailDomain(scope: TenantScope): Promise<string | undefined> {
  const address = await primaryAddress(scope);
  return address?.split("@")[1];
}

async function primaryAddress(scope: TenantScope): Promise<string | undefined> {
  const row = await scope
    .selectFrom("support_addresses")
    .select("address")
    .orderBy("created_at")
    .limit(1)
    .executeTakeFirst();
  return row?.address;
}

/** The `email.send` job: an agent reply (a message) or mail Rapport wrote itself (the outbox). */
export type EmailSendJob = { messageId?: string; outboundMailId?: string; forwardId?: string };

export async function sendEmailJob(
  ctx: Pick<AppContext, "db" | "config" | "files" | "log" | "secret">,
  job: EmailSendJob,
): Promise<void> {
  if (job.outboundMailId) await sendQueuedMail(ctx, job.outboundMailId);
  else if (job.forwardId) await sendForwardEmail(ctx, job.forwardId);
  else if (job.messageId) await sendReplyEmail(ctx, job.messageId);
}

/** The `email.send` job. At-least-once: a crash after the relay accepted may resend, with the same Message-ID. */
export async function sendReplyEmail(
  ctx: Pick<AppContext, "db" | "config" | "files" | "log" | "secret">,
  messageId: string,
) {
  // No lock is held while talking to the relay: a slow relay must not block the case.
  const m = await ctx.db
    .selectFrom("messages")
    .innerJoin("cases as c", "c.id", "messages.case_id")
    .innerJoin("workspaces as w", "w.id", "messages.workspace_id")
    .select([
      "messages.id",
      "messages.workspace_id as workspaceId",
      "messages.case_id as caseId",
      "messages.body",
      "messages.author_name as authorName",
      "messages.attachments",
      "messages.email_message_id as emailMessageId",
      "messages.email_in_reply_to as inReplyTo",
      "messages.email_references as references",
      "messages.delivery_status as status",
      "messages.author_user_id as authorUserId",
      "messages.email_cc as cc",
      "messages.email_bcc as bcc",
      "c.number",
      "c.subject",
      "c.reply_token as replyToken",
      "c.customer_id as customerId",
      "c.channel",
      "w.name as workspaceName",
    ])
    .where("messages.id", "=", messageId)
    .executeTakeFirst();
  if (!m || m.status === "sent") return;
  const relay = await relayFor(ctx, m.workspaceId);
  if (!relay) return; // waits in the outbox until a relay is set up
  const scope = new TenantScope(ctx.db, m.workspaceId);
  let token = m.replyToken;
  if (!token) {
    token = newReplyToken();
    await ctx.db.updateTable("cases").set({ reply_token: token }).where("id", "=", m.caseId).execute();
  }
  const support = (await primaryAddress(scope)) ?? ctx.config.supportAddresses[0] ?? "support@localhost";
  const [local, domain] = support.split("@");
  // A chat continued by email goes to the address its channel chose (the one the visitor left),
  // which is not one of the customer's identities (cases/reply-channels.ts).
  const chosen = await replyChannelOf(m.channel)?.emailTo(scope, { id: m.caseId, customerId: m.customerId });
  const to = await planReplyEmail(scope, m.caseId, m.customerId, chosen ?? undefined);
  if (!to) throw new Error("the customer has no deliverable email address");
  const files = await readAttachments(ctx, m.attachments as StoredAttachment[]);
  // Agents write markdown: the text part is the source, the HTML part its sanitised rendering.
  // The agent's profile (issue #18): the name they go by, and their sign-off when the workspace
  // lets agents write in their own voice. Their words themselves are sent as written.
  const sender = await senderOf(ctx.db, m.workspaceId, m.authorUserId);
  const signed = sender.signOff ? `${m.body}\n\n${sender.signOff}` : m.body;
  const text = await withAgentSignature(scope, m.authorUserId, signed);
  try {
    // The agent's own signature, then the workspace's.
    const body = withSignature(text, relay.signature);
    await relay.transport.sendMail({
      from: {
        name: `${sender.displayName ?? m.authorName} at ${m.workspaceName}`,
        address: relay.from?.address ?? support,
      },
      replyTo: `${local}+${token}@${domain}`,
      to: to.to,
      ...(m.cc.length > 0 ? { cc: m.cc } : {}),
      ...(m.bcc.length > 0 ? { bcc: m.bcc } : {}), // nodemailer never writes Bcc into the headers
      subject: `Re: ${m.subject} [#${m.number}]`,
      messageId: m.emailMessageId ?? undefined,
      ...(m.inReplyTo ? { inReplyTo: m.inReplyTo } : {}),
      ...(m.references.length > 0 ? { references: m.references } : {}),
      text: body,
      html: markdownToEmailHtml(body),
      attachments: files,
      headers: { "Auto-Submitted": "no" },
    });
  } catch (err) {
    await ctx.db
      .updateTable("messages")
      .set({ delivery_status: "failed", delivery_error: explainRelayError(err).slice(0, 500) })
      .where("id", "=", messageId)
      .execute()
      .catch(() => {});
    await publish(ctx.db, {
      workspaceId: m.workspaceId,
      audience: { kind: "staff" },
      event: { type: "case.updated", caseId: m.caseId, customerId: m.customerId },
    }).catch(() => {});
    throw err;
  }
  await ctx.db
    .updateTable("messages")
    .set({ delivery_status: "sent", delivery_error: null, delivered_at: new Date() })
    .where("id", "=", messageId)
    .execute();
  await publish(ctx.db, {
    workspaceId: m.workspaceId,
    audience: { kind: "staff" },
    event: { type: "case.updated", caseId: m.caseId, customerId: m.customerId },
  });
}

/**
 * Everything waiting in the outbox gets its job: on start, for every workspace that has a
 * relay (SMTP_URL, or its own), or for one workspace right after an admin set up its relay.
 */
export async function flushOutbox(ctx: Pick<AppContext, "db" | "boss" | "config">, workspaceId?: string) {
  const withRelay = ctx.db
    .selectFrom("mail_settings")
    .select("workspace_id")
    .where("smtp_host", "is not", null);
  const waiting = await ctx.db
    .selectFrom("messages")
    .select("id")
    .where("delivery_status", "=", "queued")
    .$if(workspaceId !== undefined, (q) => q.where("workspace_id", "=", workspaceId as string))
    .$if(!ctx.config.smtpUrl, (q) => q.where("workspace_id", "in", withRelay))
    .execute();
  for (const m of waiting) await ctx.boss.send("email.send", { messageId: m.id });
  // One-time links that expired while waiting are not sent late (the job marks them expired).
  const mail = await ctx.db
    .selectFrom("outbound_mail")
    .select("id")
    .where("status", "=", "queued")
    .$if(workspaceId !== undefined, (q) => q.where("workspace_id", "=", workspaceId as string))
    .$if(!ctx.config.smtpUrl, (q) => q.where("workspace_id", "in", withRelay))
    .execute();
  for (const m of mail) await ctx.boss.send("email.send", { outboundMailId: m.id });
  const forwards = await ctx.db
    .selectFrom("message_forwards")
    .select("id")
    .where("status", "=", "queued")
    .execute();
  for (const f of forwards) await ctx.boss.send("email.send", { forwardId: f.id });
  return waiting.length + mail.length + forwards.length;
}

/** The workspace's signature below the reply, after the conventional "-- " separator. */
function withSignature(body: string, signature: string | null): string {
  return signature?.trim() ? `${body}\n\n-- \n${signature.trim()}` : body;
}

/** A message's stored attachments as nodemailer wants them (replies and forwards). */
export async function readAttachments(ctx: Pick<AppContext, "files">, attachments: StoredAttachment[]) {
  return Promise.all(
    attachments.map(async (a) => ({
      filename: a.name,
      contentType: a.contentType,
      content: await ctx.files.read(a.key),
      ...(a.cid ? { cid: a.cid } : {}),
    })),
  );
}
