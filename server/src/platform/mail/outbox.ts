import type PgBoss from "pg-boss";
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import type { Db } from "../db/pool.ts";
import type { OutboundMailHeaders } from "../db/schema.ts";
import type { TenantScope } from "../db/tenant.ts";
import { enqueueInTx } from "../jobs/enqueue.ts";
import { explainRelayError, hasRelay, relayFor } from "./relay.ts";

/**
 * Mail Rapport writes itself — sign-in links, invitations, acknowledgements, notifications —
 * goes the way agent replies go: a row in `outbound_mail` (the outbox) written in the caller's
 * transaction, delivered by the `email.send` job with retries and backoff, failures recorded
 * for admins. The relay is the workspace's own (Settings → Email) or SMTP_URL (relay.ts).
 * Without either it waits in the outbox (the workspace banner counts it) and the one-time links
 * are also written to the log, so an install without mail can still sign in.
 */
export type OutboundMailKind = "sign_in_link" | "invitation" | "acknowledgement" | "notification";

export type NewMail = {
  kind: OutboundMailKind;
  to: string;
  subject: string;
  text: string;
  headers?: OutboundMailHeaders;
  /** One-time links: not worth sending after this. */
  expiresAt?: Date;
  /** A one-time link also written to the log while no relay is configured. */
  link?: string;
};

const LINK_LOG: Partial<Record<OutboundMailKind, string>> = {
  sign_in_link: "magic link",
  invitation: "invitation link",
};
// Bodies that carry a sign-in secret are blanked once they can no longer be used or were sent.
const SECRET_KINDS: OutboundMailKind[] = ["sign_in_link", "invitation"];
const REMOVED = "(removed: it held a one-time link)";
// Sign-in links and invitations are asked for by a person; the rest is automatic (RFC 3834).
const AUTO_SUBMITTED: Partial<Record<OutboundMailKind, string>> = {
  acknowledgement: "auto-replied",
  notification: "auto-generated",
};

export async function queueMail(
  deps: { boss: PgBoss; config: Pick<Config, "smtpUrl">; log: Logger },
  scope: TenantScope,
  mail: NewMail,
): Promise<string> {
  const row = await scope
    .insertInto("outbound_mail", {
      kind: mail.kind,
      to_address: mail.to,
      subject: mail.subject,
      body: mail.text,
      headers: mail.headers ?? {},
      expires_at: mail.expiresAt ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (await hasRelay({ db: scope.db, config: deps.config }, scope.workspaceId)) {
    await enqueueInTx(deps.boss, scope.db, "email.send", { outboundMailId: row.id });
  } else {
    const label = LINK_LOG[mail.kind];
    if (label && mail.link) deps.log.info({ email: mail.to, url: mail.link }, label);
    else deps.log.info({ to: mail.to, subject: mail.subject }, "mail waits in the outbox (no relay)");
  }
  return row.id;
}

/** The `email.send` job for outbox mail. At-least-once, like replies. */
export async function sendQueuedMail(
  ctx: { db: Db; config: Pick<Config, "smtpUrl" | "mailFrom">; log: Logger; secret: string },
  id: string,
): Promise<void> {
  const m = await ctx.db.selectFrom("outbound_mail").selectAll().where("id", "=", id).executeTakeFirst();
  if (!m || m.status === "sent" || m.status === "expired") return;
  const relay = await relayFor(ctx, m.workspace_id);
  if (!relay) return; // it waits; saving relay settings or a restart with SMTP_URL sends it
  if (m.expires_at && m.expires_at.getTime() < Date.now()) {
    await finish(ctx.db, m, { status: "expired", error: null });
    return;
  }
  const h = m.headers;
  try {
    await relay.transport.sendMail({
      from: fromFor(h.from, relay.from, ctx.config.mailFrom),
      to: m.to_address,
      subject: m.subject,
      text: m.body,
      ...(h.replyTo ? { replyTo: h.replyTo } : {}),
      ...(h.inReplyTo ? { inReplyTo: h.inReplyTo } : {}),
      ...(h.references ? { references: h.references } : {}),
      // A calendar invite goes as text/calendar, which mail clients offer to add or update.
      ...(h.calendar ? { icalEvent: h.calendar } : {}),
      ...(h.html ? { html: h.html } : {}),
      // Automatic mail says so, so other systems' auto-responders do not answer it.
      headers: {
        ...(AUTO_SUBMITTED[m.kind] ? { "Auto-Submitted": AUTO_SUBMITTED[m.kind] } : {}),
        // Mail people subscribed to can be left in one click from the mail client (RFC 8058).
        ...(h.listUnsubscribe
          ? {
              "List-Unsubscribe": `<${h.listUnsubscribe}>`,
              "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            }
          : {}),
      },
    });
  } catch (err) {
    await finish(ctx.db, m, { status: "failed", error: explainRelayError(err).slice(0, 500) }).catch(
      () => {},
    );
    throw err; // pg-boss retries with backoff; a later success marks it sent
  }
  await finish(ctx.db, m, { status: "sent", error: null });
  ctx.log.info({ to: m.to_address, subject: m.subject }, "mail sent");
}

/**
 * Mail about a case names the workspace (its `from` header); the address is the one the admin
 * set for the workspace when there is one, since relays often accept only that sender.
 */
function fromFor(
  own: { name: string; address: string } | undefined,
  workspace: { name: string; address: string } | undefined,
  fallback: string,
) {
  if (own) return workspace ? { name: own.name, address: workspace.address } : own;
  return workspace ?? fallback;
}

async function finish(
  db: Db,
  m: { id: string; kind: OutboundMailKind },
  result: { status: "sent" | "failed" | "expired"; error: string | null },
) {
  const done = result.status !== "failed";
  await db
    .updateTable("outbound_mail")
    .set({
      status: result.status,
      error: result.error,
      ...(result.status === "sent" ? { sent_at: new Date() } : {}),
      ...(done && SECRET_KINDS.includes(m.kind) ? { body: REMOVED } : {}),
    })
    .where("id", "=", m.id)
    .execute();
}
