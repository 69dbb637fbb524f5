import type { OutgoingMail, OutgoingMailInput } from "../../../../contracts/settings.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import {
  explainRelayError,
  readMailSettings,
  relayFor,
  relayPort,
  SMTP_SEAL,
} from "../../platform/mail/relay.ts";
import { seal } from "../../platform/sealed.ts";
import { audit } from "../audit/audit.ts";
import { flushOutbox } from "./outbound.ts";

/**
 * Settings → Email → Outgoing mail: the workspace's SMTP relay, from-address and signature.
 * The environment's SMTP_URL and MAIL_FROM stay the defaults for whatever is left empty.
 */
type Ctx = Pick<AppContext, "db" | "config" | "secret" | "boss">;

export async function readOutgoing(ctx: Ctx, workspaceId: string): Promise<OutgoingMail> {
  const s = await readMailSettings(ctx.db, workspaceId);
  const relay = s?.smtp_host
    ? {
        host: s.smtp_host,
        port: s.smtp_port,
        security: s.smtp_security,
        user: s.smtp_user,
        passwordSet: Boolean(s.smtp_password_enc),
      }
    : null;
  return {
    source: relay ? "workspace" : ctx.config.smtpUrl ? "environment" : "none",
    relay,
    fromName: s?.from_name ?? null,
    fromAddress: s?.from_address ?? null,
    signature: s?.signature ?? null,
    defaultFrom: ctx.config.mailFrom,
  };
}

export async function saveOutgoing(
  ctx: Ctx,
  actor: Actor,
  input: OutgoingMailInput & { security: "none" | "starttls" | "tls" },
): Promise<OutgoingMail> {
  const stored = await readMailSettings(ctx.db, actor.workspaceId);
  // The form never shows the stored password: leaving it out keeps it, for the same relay and user.
  const sameLogin = stored?.smtp_host === input.host && stored?.smtp_user === input.user;
  const keep = sameLogin ? (stored?.smtp_password_enc ?? null) : null;
  const passwordEnc = input.password ? seal(ctx.secret, SMTP_SEAL, input.password) : keep;
  if (input.host && input.user && !passwordEnc)
    throw new AppError("validation_failed", "Enter the password for this relay user", "password");
  if (!input.host && (input.user || input.password))
    throw new AppError("validation_failed", "Enter the relay's host name first", "host");
  const values = {
    smtp_host: input.host ?? null,
    smtp_port: input.host ? (input.port ?? null) : null,
    smtp_security: input.security,
    smtp_user: input.host ? (input.user ?? null) : null,
    smtp_password_enc: input.host && input.user ? passwordEnc : null,
    from_name: input.fromName ?? null,
    from_address: input.fromAddress ?? null,
    signature: input.signature?.trim() ? input.signature : null,
    updated_at: new Date(),
  };
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    await tx
      .insertInto("mail_settings")
      .values({ workspace_id: actor.workspaceId, ...values })
      .onConflict((oc) => oc.column("workspace_id").doUpdateSet(values))
      .execute();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "mail_settings.updated",
      subjectType: "workspace",
      subjectId: actor.workspaceId,
      data: {
        host: values.smtp_host,
        port: values.smtp_port,
        security: values.smtp_security,
        user: values.smtp_user,
        passwordChanged: Boolean(input.password),
        fromAddress: values.from_address,
      },
    });
  });
  // Replies and links that waited for a relay can go now.
  if (values.smtp_host) await flushOutbox(ctx, actor.workspaceId);
  return readOutgoing(ctx, actor.workspaceId);
}

/**
 * Sends a real message through the relay mail would use now (the workspace's, else SMTP_URL)
 * and reports the relay's answer in words an admin can act on.
 */
export async function sendTestMail(ctx: Ctx, actor: Actor, to: string) {
  const relay = await relayFor(ctx, actor.workspaceId);
  if (!relay)
    throw new AppError("validation_failed", "Set up the SMTP relay first, then send a test", "host");
  const s = await readMailSettings(ctx.db, actor.workspaceId);
  const where =
    relay.source === "workspace" && s?.smtp_host
      ? { host: s.smtp_host, port: relayPort({ port: s.smtp_port, security: s.smtp_security }) }
      : undefined;
  try {
    await relay.transport.sendMail({
      from: relay.from ?? ctx.config.mailFrom,
      to,
      subject: `Test message from ${actor.workspaceName} on Rapport`,
      text: `${actor.name} sent this test from Settings → Email.\nOutgoing mail works.\n${
        relay.signature ? `\n-- \n${relay.signature}\n` : ""
      }`,
      headers: { "Auto-Submitted": "auto-generated" },
    });
    return { sent: true, error: null };
  } catch (err) {
    return { sent: false, error: explainRelayError(err, where) };
  }
}
