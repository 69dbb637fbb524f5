import { randomUUID } from "node:crypto";
import type { OfferInput } from "../../../../contracts/offers.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { decodeCursor, toPage } from "../../platform/db/cursor.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { refuseCopies, replyCopies } from "../composer/copies.ts";
import { withAssessments } from "../conduct/assess/assess.service.ts";
import { findCustomer } from "../customers/customers.repo.ts";
import { doerOf } from "../customers/customers.service.ts";
import { planReplyEmail, queueReplyEmail } from "../email/outbound.ts";
import { planOffer, recordOffer, withOffer } from "../retention/offers.service.ts";
import { applySlaEvent } from "../sla/case-sla.ts";
import { appendEvent, type Doer } from "../timeline/timeline.ts";
import { workspaceUrl } from "../workspaces/workspace-url.ts";
import { assertCanSeeCase, assertCanWorkCases, isStaff } from "./cases.policy.ts";
import { findCase, lockCase, updateCaseRow } from "./cases.repo.ts";
import { applyCasePatch } from "./cases.service.ts";
import {
  type EmailFields,
  findAttachment,
  insertMessage,
  listMessages,
  presentMessage,
  type StoredAttachment,
} from "./messages.repo.ts";
import { replyChannelOf } from "./reply-channels.ts";

// boss/config are absent in the CLI (demo): replies then simply wait in the email outbox.
type Ctx = Pick<AppContext, "db" | "files"> & Partial<Pick<AppContext, "boss" | "config">>;
export type AttachmentUpload = { name: string; contentType: string; dataBase64: string };

const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/**
 * Appends a message inside the caller's transaction: the message, its timeline event, the
 * case's waiting clock and status, and the realtime events. `quiet` skips the case.updated
 * event when the caller (case creation) announces the case itself.
 */
export async function addMessageInTx(
  scope: TenantScope,
  m: {
    caseId: string;
    customerId: string;
    kind: "customer" | "reply" | "note";
    authorUserId: string | null;
    authorName: string;
    body: string;
    channel: string;
    attachments: StoredAttachment[];
    doer: Doer;
    quiet?: boolean;
    email?: EmailFields | undefined;
    sender?: { fromHeader: string; fromFallback: string | null } | undefined;
  },
) {
  const row = await insertMessage(scope, m);
  await appendEvent(scope, {
    customerId: m.customerId,
    caseId: m.caseId,
    kind: "message.added",
    data: {
      messageId: row.id,
      kind: m.kind,
      excerpt: m.body.slice(0, 200),
      channel: m.channel,
      ...(m.kind === "customer" ? { authorName: m.authorName } : {}),
      ...(m.sender ? { sender: m.sender } : {}),
    },
    doer: m.doer,
  });
  const now = new Date();
  if (m.kind === "customer") await updateCaseRow(scope, m.caseId, { last_activity_at: now });
  else
    await updateCaseRow(scope, m.caseId, {
      last_activity_at: now,
      ...(m.kind === "reply" ? { waiting_since: null } : {}),
    });
  if (m.kind !== "note")
    await applySlaEvent(scope, m.caseId, m.kind === "reply" ? "staff_reply" : "customer_message", now);
  const event = { type: "message.added" as const, caseId: m.caseId, messageId: row.id, kind: m.kind };
  await publish(scope.db, { workspaceId: scope.workspaceId, audience: { kind: "staff" }, event });
  if (m.kind !== "note") {
    const customer = await findCustomer(scope, m.customerId);
    if (customer?.userId) {
      await publish(scope.db, {
        workspaceId: scope.workspaceId,
        audience: { kind: "user", userId: customer.userId },
        event,
      });
    }
  }
  return row;
}

/**
 * A reply or note from staff, or a message from the case's customer. A customer writing on
 * a solved case reopens it; a closed case takes no more messages (open a new request).
 * An agent's first reply moves a new case to open.
 */
export async function addMessage(
  ctx: Ctx,
  actor: Actor,
  caseId: string,
  input: {
    body: string;
    kind?: "reply" | "note" | undefined;
    attachments?: AttachmentUpload[] | undefined;
    cc?: string[] | undefined;
    bcc?: string[] | undefined;
    status?: "solved" | undefined;
    offer?: OfferInput | undefined;
  },
) {
  const staff = isStaff(actor);
  if (!staff && (input.status || input.offer))
    throw new AppError(
      "validation_failed",
      `${input.status ? "status" : "offer"} is for staff only`,
      input.status ? "status" : "offer",
    );
  const attachments = await storeAttachments(ctx, actor.workspaceId, input.attachments ?? []);
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const current = await lockCase(scope, caseId);
    await assertCanSeeCase(scope, actor, current?.customerId);
    const c = current as NonNullable<typeof current>;
    if (c.status === "closed")
      throw new AppError("case_closed", "This case is closed; open a new request instead");
    const kind: "customer" | "reply" | "note" = staff ? (input.kind ?? "reply") : "customer";
    if (!staff && input.kind) throw new AppError("validation_failed", "kind is for staff only", "kind");
    if (staff) assertCanWorkCases(actor, kind === "note" ? "note" : "reply");
    if (input.status && kind !== "reply")
      throw new AppError("validation_failed", "Only a reply can solve the case", "status");
    // Retention (#19): an offer only on a solved case or the reply that solves it; checked
    // before anything is written, so a refused offer leaves no message behind.
    // The tracked link is on the workspace's own host, as every link in its mail is.
    const offerBase =
      input.offer && ctx.config
        ? await workspaceUrl({ db: tx, config: ctx.config }, actor.workspaceId)
        : undefined;
    const offer = planOffer(c, kind, input, offerBase);
    const { status: _s, offer: _o, ...rest } = input;
    const message = await writeMessage(
      ctx,
      scope,
      { userId: actor.userId, name: actor.name, doer: doerOf(actor) },
      c,
      kind,
      {
        ...rest,
        body: offer ? withOffer(input.body, offer) : input.body,
        attachments,
      },
    );
    if (input.status === "solved") {
      // Reply and solve: the same patch as a status change, after the reply (which may have
      // moved a new case to open), so the timeline reads reply, then solved.
      const now = await lockCase(scope, caseId);
      if (now) await applyCasePatch(scope, actor, now, { status: "solved" });
    }
    if (offer)
      await recordOffer(scope, offer, {
        caseId,
        messageId: message.id,
        customerId: c.customerId,
        agentId: actor.membershipId,
      });
    return message;
  });
}

type LockedCase = NonNullable<Awaited<ReturnType<typeof lockCase>>>;

/**
 * Writes a message on a case the caller has locked and checked, inside the caller's
 * transaction: the status change it causes, the email plan and copies, the message with its
 * events, and the queued email. Replies sent on an agent's behalf (a problem update
 * broadcast to every linked case) come through here too, so they thread like any reply.
 */
export async function writeMessage(
  ctx: Ctx,
  scope: TenantScope,
  who: { userId: string | null; name: string; doer: Doer },
  c: LockedCase,
  kind: "customer" | "reply" | "note",
  input: {
    body: string;
    attachments: StoredAttachment[];
    cc?: string[] | undefined;
    bcc?: string[] | undefined;
    /** The channel the message came by (a chat visitor's message: "chat"); default "web". */
    channel?: string | undefined;
  },
) {
  const caseId = c.id;
  const { doer } = who;
  const attachments = input.attachments;
  const nextStatus =
    kind === "customer" && (c.status === "solved" || c.status === "pending")
      ? "open"
      : kind === "reply" && c.status === "new"
        ? "open"
        : undefined;
  if (nextStatus) {
    await updateCaseRow(scope, caseId, {
      status: nextStatus,
      ...(kind === "customer" ? { waiting_since: new Date() } : {}),
    });
    await appendEvent(scope, {
      customerId: c.customerId,
      caseId,
      kind: "case.status_changed",
      data: { from: c.status, to: nextStatus },
      doer,
    });
  } else if (kind === "customer") {
    await scope.db
      .updateTable("cases")
      .set({ waiting_since: new Date() })
      .where("id", "=", caseId)
      .where("waiting_since", "is", null)
      .execute();
  }
  // A reply on a chat or a channel thread travels by that channel (cases/reply-channels.ts),
  // and is emailed only when the channel says so.
  const carrier = kind === "reply" ? replyChannelOf(c.channel) : undefined;
  const emailTo = carrier
    ? await carrier.emailTo(scope, { id: caseId, customerId: c.customerId })
    : undefined;
  const plan =
    kind === "reply" && emailTo !== null
      ? await planReplyEmail(scope, caseId, c.customerId, emailTo)
      : undefined;
  const channel = input.channel ?? (carrier ? c.channel : "web");
  const copies = plan ? await replyCopies(scope, caseId, input) : undefined;
  if (!plan) refuseCopies(input, kind);
  const row = await addMessageInTx(scope, {
    caseId,
    customerId: c.customerId,
    kind,
    authorUserId: who.userId,
    authorName: who.name,
    body: input.body,
    channel,
    attachments,
    doer,
    email: plan
      ? {
          messageId: plan.messageId,
          inReplyTo: plan.inReplyTo,
          references: plan.references,
          html: null,
          fromAddress: null,
          flagged: null,
          inboundId: null,
          deliveryStatus: "queued",
          ...copies,
        }
      : undefined,
  });
  if (plan && ctx.boss && ctx.config)
    await queueReplyEmail({ boss: ctx.boss, config: ctx.config }, scope, row.id);
  if (carrier)
    await carrier.afterReply(ctx, scope, {
      caseId,
      customerId: c.customerId,
      messageId: row.id,
      body: input.body,
      authorUserId: who.userId,
      authorName: who.name,
      attachments,
      createdAt: row.createdAt,
    });
  return {
    id: row.id,
    caseId,
    kind,
    author: { id: who.userId, name: who.name },
    body: input.body,
    channel,
    attachments: attachments.map(({ key: _k, cid: _c, ...a }) => a),
    createdAt: row.createdAt.toISOString(),
    email: plan
      ? {
          html: null,
          from: null,
          flagged: null,
          deliveryStatus: "queued" as const,
          deliveryError: null,
          hasRaw: false,
          ...(copies && copies.cc.length > 0 ? { cc: copies.cc } : {}),
        }
      : null,
  };
}

async function storeAttachments(
  ctx: Ctx,
  workspaceId: string,
  uploads: AttachmentUpload[],
): Promise<StoredAttachment[]> {
  const stored: StoredAttachment[] = [];
  for (const [i, u] of uploads.entries()) {
    const bytes = Buffer.from(u.dataBase64, "base64");
    if (bytes.length > MAX_ATTACHMENT_BYTES) {
      throw new AppError(
        "validation_failed",
        "attachments are limited to 5 MB each",
        `attachments.${i}.dataBase64`,
      );
    }
    const key = await ctx.files.save(workspaceId, bytes);
    stored.push({ id: randomUUID(), name: u.name, contentType: u.contentType, size: bytes.length, key });
  }
  return stored;
}

export async function listMessagesFor(
  ctx: Ctx,
  actor: Actor,
  caseId: string,
  page: { cursor?: string | undefined; limit: number },
) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const c = await findCase(scope, caseId);
  await assertCanSeeCase(scope, actor, c?.customerId);
  const rows = await listMessages(scope, caseId, {
    includeNotes: isStaff(actor),
    after: decodeCursor(page.cursor),
    limit: page.limit,
  });
  const p = toPage(rows, page.limit, (r) => [r.cursorAt, r.id]);
  // Staff see each customer message's tone assessment (issue #20); customers never do.
  return {
    items: await withAssessments(scope, actor, p.items.map(presentMessage)),
    nextCursor: p.nextCursor,
  };
}

export async function readAttachment(ctx: Ctx, actor: Actor, attachmentId: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const found = await findAttachment(scope, attachmentId);
  const c = found ? await findCase(scope, found.caseId) : undefined;
  await assertCanSeeCase(scope, actor, c?.customerId);
  if (!found || (found.kind === "note" && !isStaff(actor)))
    throw new AppError("not_found", "Attachment was not found");
  return { ...found.attachment, bytes: await ctx.files.read(found.attachment.key) };
}
