import { createHash, randomUUID } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { sql } from "kysely";
import type { AppContext } from "../../platform/context.ts";
import { type Executor, TenantScope } from "../../platform/db/tenant.ts";
import { publish } from "../../platform/realtime/publish.ts";
import { insertCase, lockCase, nextCaseNumber, updateCaseRow } from "../cases/cases.repo.ts";
import { addMessageInTx } from "../cases/conversation.service.ts";
import { creationNeeds } from "../cases/create-case.repo.ts";
import type { StoredAttachment } from "../cases/messages.repo.ts";
import { routeForConduct } from "../conduct/ladder/route-hook.ts";
import { zoneOfDateHeader } from "../expectations/zone.ts";
import { lockRoutingChoice, routedEventData, routeNewCase } from "../routing/route.ts";
import { appendEvent } from "../timeline/timeline.ts";
import { queueAcknowledgement } from "./acknowledge.ts";
import { type ParsedEmail, parseEmail } from "./parse.ts";
import { newReplyToken } from "./reply-token.ts";
import { recordBounce, resolveSender } from "./sender-customer.ts";
import { findThread } from "./threading.ts";

type Ctx = Pick<AppContext, "db" | "files" | "log" | "boss" | "config">;
type Stored = {
  id: string;
  workspaceId: string;
  envelopeTo: string[];
  promoted: boolean;
  /** The sender's zone as their Date header's offset says (for the honest reply-by time). */
  dateZone?: string | null;
};
type Ready = { stored: Stored; mail: ParsedEmail; attachments: StoredAttachment[] };
type Outcome = {
  status: "processed" | "ignored" | "held";
  kind: ParsedEmail["kind"];
  caseId: string | null;
  heldReason?: string | null;
};

// A chunk is applied in one transaction: one commit (and one realtime NOTIFY flush) for many
// messages instead of one each. Bytes bound the memory a chunk of raw messages may take.
const CHUNK_MESSAGES = 25;
const CHUNK_BYTES = 32 * 1024 * 1024;

/**
 * The `email.process` job: apply stored inbound messages exactly once. Each inbound row is
 * locked and its status checked and flipped in the same transaction as everything the message
 * causes, so a retry after a crash either finds the work done or does all of it.
 * A message that cannot be parsed is marked failed with the reason (admins can retry it);
 * database trouble throws, and pg-boss retries with backoff.
 */
export async function processInbound(ctx: Ctx, inboundId: string): Promise<void> {
  await processInboundBatch(ctx, [inboundId]);
}

/**
 * A batch of jobs at once (pg-boss hands workers up to a hundred). Messages are applied in the
 * order they were received, in chunks that share a transaction; if a chunk fails (a conflict
 * with a concurrent chunk, or one message the database refuses), its messages are applied one
 * by one so the others still go through, and the failure is rethrown for the job to retry.
 */
export async function processInboundBatch(ctx: Ctx, inboundIds: string[]): Promise<void> {
  if (inboundIds.length === 0) return;
  const pending = await ctx.db
    .selectFrom("inbound_emails")
    .select(["id", "size"])
    .where("id", "in", inboundIds)
    .where("status", "=", "received")
    .orderBy("received_at")
    .orderBy("id")
    .execute();
  // Two chunks at a time: while one waits on the database, the other parses or builds queries.
  const queue = chunks(pending);
  let failure: unknown;
  await Promise.all(
    [0, 1].map(async () => {
      for (let chunk = queue.shift(); chunk; chunk = queue.shift()) {
        try {
          await processChunk(ctx, chunk);
        } catch (err) {
          failure ??= err;
        }
      }
    }),
  );
  if (failure) throw failure;
}

function chunks(rows: Array<{ id: string; size: number }>): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const r of rows) {
    if (current.length > 0 && (current.length >= CHUNK_MESSAGES || bytes + r.size > CHUNK_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(r.id);
    bytes += r.size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

async function processChunk(ctx: Ctx, ids: string[]): Promise<void> {
  const rows = await ctx.db
    .selectFrom("inbound_emails")
    .select([
      "id",
      "workspace_id as workspaceId",
      "raw",
      "status",
      "envelope_to as envelopeTo",
      sql<boolean>`promoted_at is not null`.as("promoted"),
    ])
    .where("id", "in", ids)
    .where("status", "=", "received")
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ready: Ready[] = [];
  for (const id of ids) {
    const stored = byId.get(id);
    if (!stored) continue; // another attempt finished it
    let mail: ParsedEmail;
    try {
      mail = await parseEmail(stored.raw);
      // An admin promoted this held bulk mail: it is a person's message now.
      if (stored.promoted && mail.kind === "bulk") mail = { ...mail, kind: "message" };
      // A bounce needs no sender (MAILER-DAEMON often has no usable address), nor does bulk mail
      // that is only held for an admin to look at; anything that opens a case does.
      if (!mail.from && mail.kind !== "bounce" && mail.kind !== "bulk")
        throw new Error("the message has no usable From address");
    } catch (err) {
      await markUnparseable(ctx, stored.id, err as Error);
      continue;
    }
    // Files first, outside the transaction: storage failing throws, and the job retries.
    const attachments = mail.kind === "message" ? await storeAttachments(ctx, stored.workspaceId, mail) : [];
    ready.push({
      stored: Object.assign(stored, { dateZone: zoneOfDateHeader(stored.raw) }),
      mail,
      attachments,
    });
  }
  if (ready.length === 0) return;
  try {
    // A transaction ends early when a message joins a case already written in it (see applyAll).
    for (let rest = ready; rest.length > 0; ) {
      const items = rest;
      rest = await ctx.db.transaction().execute((tx) => applyAll(ctx, tx, items));
    }
  } catch (err) {
    if (ready.length === 1) throw err;
    ctx.log.warn({ err, messages: ready.length }, "inbound chunk failed; applying its messages one by one");
    let failure: unknown;
    for (const item of ready) {
      try {
        await ctx.db.transaction().execute((tx) => applyAll(ctx, tx, [item]));
      } catch (e) {
        failure ??= e;
      }
    }
    if (failure) throw failure;
  }
}

async function markUnparseable(ctx: Ctx, inboundId: string, err: Error) {
  await ctx.db
    .updateTable("inbound_emails")
    .set({ status: "failed", error: err.message.slice(0, 1000), processed_at: new Date() })
    .where("id", "=", inboundId)
    .where("status", "=", "received")
    .execute();
  ctx.log.warn({ inboundId, err }, "inbound mail could not be parsed");
}

/**
 * Applies the items in order in one transaction and returns those left for the next one.
 * Rows written in one transaction share its timestamp (now()), and a case's messages are
 * ordered by it; so a message that joins a case this transaction already wrote to (a quick
 * reply, a burst in one thread) waits, with everything after it, for a fresh transaction.
 */
async function applyAll(ctx: Ctx, tx: Executor, items: Ready[]): Promise<Ready[]> {
  await lockThreads(tx, items);
  const locked = await tx
    .selectFrom("inbound_emails")
    .select("id")
    .where(
      "id",
      "in",
      items.map((i) => i.stored.id),
    )
    .where("status", "=", "received")
    .orderBy("id")
    .forUpdate()
    .execute();
  const open = new Set(locked.map((r) => r.id)); // others were finished by another attempt
  const done: Array<Outcome & { id: string }> = [];
  const workspaceNames = new Map<string, string>();
  const touched = new Set<string>();
  let rest: Ready[] = [];
  for (const [i, item] of items.entries()) {
    if (!open.has(item.stored.id)) continue;
    const outcome = await applyOne(ctx, tx, item, { workspaceNames, touched });
    if (outcome === "later") {
      rest = items.slice(i);
      break;
    }
    done.push({ id: item.stored.id, ...outcome });
  }
  if (done.length === 0) return rest;
  // One statement marks the whole chunk applied.
  const parsed = new Map(items.map((i) => [i.stored.id, i.mail]));
  await sql`
    update inbound_emails as i
       set status = v.status, kind = v.kind, case_id = v.case_id::uuid, processed_at = now(), error = null,
           held_reason = v.held_reason, subject = v.subject, from_address = v.from_address
      from (values ${sql.join(
        done.map((d) => {
          const mail = parsed.get(d.id);
          return sql`(${d.id}::uuid, ${d.status}, ${d.kind}, ${d.caseId}, ${d.heldReason ?? null},
                      ${mail?.subject.slice(0, 500) ?? null}, ${mail?.from?.address ?? null})`;
        }),
      )}) as v (id, status, kind, case_id, held_reason, subject, from_address)
     where i.id = v.id`.execute(tx);
  return rest;
}

/**
 * Threading must not depend on processing order, and chunks run in parallel (two per worker,
 * several workers). A reply and its root in two transactions would each look for the other,
 * see nothing yet committed, and open two cases. So every transaction first takes an advisory
 * lock per Message-ID its messages name (their own, In-Reply-To, References): a reply and its
 * parent always share the parent's id, so the second waits for the first to commit, and its
 * lookups (run after the lock, each statement with a fresh snapshot) then see the first.
 * Keys are taken in one sorted pass, so two transactions never wait on each other in a circle.
 */
async function lockThreads(tx: Executor, items: Ready[]): Promise<void> {
  const keys = new Set<bigint>();
  for (const { stored, mail } of items) {
    if (mail.kind !== "message") continue;
    for (const id of [mail.messageId, mail.inReplyTo, ...mail.references]) {
      if (!id) continue;
      const digest = createHash("sha256").update(`${stored.workspaceId} ${id}`).digest();
      keys.add(digest.readBigInt64BE(0));
    }
  }
  if (keys.size === 0) return;
  const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String);
  // unnest yields the array in order, and each row takes its lock as it is produced.
  await sql`select pg_advisory_xact_lock(k) from unnest(${sorted}::bigint[]) as k`.execute(tx);
}

async function applyOne(
  ctx: Ctx,
  tx: Executor,
  item: Ready,
  seen: { workspaceNames: Map<string, string>; touched: Set<string> },
): Promise<Outcome | "later"> {
  const { stored, mail, attachments } = item;
  const inboundId = stored.id;
  const scope = new TenantScope(tx, stored.workspaceId);
  const sender = mail.from as NonNullable<ParsedEmail["from"]>;
  const recipients = [...stored.envelopeTo, ...mail.recipients];

  if (mail.kind === "bounce") {
    const caseId = await recordBounce(scope, mail);
    return { status: "ignored", kind: "bounce", caseId };
  }
  if (mail.kind === "bulk")
    return { status: "held", kind: "bulk", caseId: null, heldReason: mail.bulkReason };
  const thread = await findThread(scope, { ...mail, recipients, sender: sender.address });
  if (thread && seen.touched.has(thread.caseId)) return "later";
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
    return { status: "ignored", kind: "auto_reply", caseId: thread?.caseId ?? null };
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
    // Emailed cases are routed like any other new case (modules/routing), under the same
    // workspace routing lock, so a burst of mail and API cases cannot overshoot an agent's
    // capacity. The lock comes before the case number's row lock, in the order case creation
    // takes them, so the two paths cannot deadlock.
    const routes = (await creationNeeds(tx, stored.workspaceId)).routing;
    if (routes) await lockRoutingChoice(tx, stored.workspaceId);
    const number = await nextCaseNumber(scope);
    const subject = mail.subject.replace(/\s*\[#\d+\]\s*/, " ").trim() || "(no subject)";
    const routed = routes
      ? await routeNewCase(tx, stored.workspaceId, {
          customerId,
          channel: "email",
          tags: [],
          message: mail.text,
        })
      : null;
    caseId = await insertCase(scope, {
      number,
      customerId,
      subject,
      channel: "email",
      priority: "normal",
      tags: [],
      assigneeId: routed?.assigneeId ?? null,
      teamId: routed?.teamId ?? null,
    });
    // Staff protection (#20): a restricted, suspended or ended customer's case goes elsewhere; kept, never bounced.
    await routeForConduct(ctx, scope, {
      caseId,
      customerId,
      channel: "email",
      replyTo: sender.address,
      subject,
    });
    // The reply token is given out with the first mail to the customer: here when an
    // acknowledgement goes out, otherwise with the first reply (outbound.ts sets it then).
    // Promoted bulk mail comes from a list or a robot: an acknowledgement would go nowhere useful.
    if (ctx.config.emailAcknowledgement && !stored.promoted) {
      const replyToken = newReplyToken();
      await tx.updateTable("cases").set({ reply_token: replyToken }).where("id", "=", caseId).execute();
      const workspaceName = await nameOfWorkspace(tx, stored.workspaceId, seen.workspaceNames);
      await queueAcknowledgement(ctx, scope, {
        to: sender.address,
        number,
        subject,
        replyToken,
        inReplyTo: mail.messageId,
        workspaceName,
        caseId,
        dateZone: stored.dateZone,
      });
    }
    await appendEvent(scope, {
      customerId,
      caseId,
      kind: "case.created",
      data: { number, subject, channel: "email" },
      doer,
    });
    if (routed) {
      await appendEvent(scope, {
        customerId,
        caseId,
        kind: "case.routed",
        data: routedEventData(routed),
        doer: { userId: null, name: "Routing" },
      });
    }
    await publish(tx, {
      workspaceId: stored.workspaceId,
      audience: { kind: "staff" },
      event: { type: "case.created", caseId, number, customerId },
    });
  }
  const added = await addMessageInTx(scope, {
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
    sender: { fromHeader: mail.fromHeader, fromFallback: mail.fromFallback },
  });
  if (thread?.how === "answered" && current && current.status !== "closed" && mail.messageId)
    await placeRootFirst(tx, current.id, added.id, mail.messageId, mail.subject);
  seen.touched.add(caseId as string);
  return { status: "processed", kind: "message", caseId: caseId as string };
}

/**
 * A root that arrived after its reply joins the case the reply opened. It is dated just before
 * the case's first message, so the conversation reads root first; and when that first message
 * answers this root (the case was opened by the overtaking reply), the case takes the root's
 * subject, as if the mail had come in order.
 */
async function placeRootFirst(tx: Executor, caseId: string, id: string, messageId: string, subject: string) {
  await sql`
    update messages set created_at = first.at - interval '1 microsecond'
      from (select min(created_at) as at from messages where case_id = ${caseId} and id <> ${id}) as first
     where messages.id = ${id} and first.at <= messages.created_at`.execute(tx);
  await sql`
    update cases set subject = ${subject.replace(/\s*\[#\d+\]\s*/, " ").trim() || "(no subject)"}
     where id = ${caseId}
       and exists (select 1 from messages m
                    where m.case_id = ${caseId} and m.id <> ${id}
                      and (m.email_in_reply_to = ${messageId} or m.email_references @> array[${messageId}]::text[])
                      and not exists (select 1 from messages e
                                       where e.case_id = ${caseId} and e.id <> ${id}
                                         and (e.created_at, e.id) < (m.created_at, m.id)))`.execute(tx);
}

async function nameOfWorkspace(tx: Executor, workspaceId: string, cache: Map<string, string>) {
  const known = cache.get(workspaceId);
  if (known !== undefined) return known;
  const row = await tx
    .selectFrom("workspaces")
    .select("name")
    .where("id", "=", workspaceId)
    .executeTakeFirstOrThrow();
  cache.set(workspaceId, row.name);
  return row.name;
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
