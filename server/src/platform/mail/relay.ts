import nodemailer, { type Transporter } from "nodemailer";
import type { Config } from "../config.ts";
import type { Executor } from "../db/tenant.ts";
import { unseal } from "../sealed.ts";
import { relayTransport } from "./transport.ts";

/**
 * Which relay a workspace's mail leaves through: the one an admin set in Settings → Email
 * (`mail_settings`), else the environment's SMTP_URL, else none (mail waits in the outbox).
 * The from-address and signature are the workspace's even when the relay is the environment's.
 */
export const SMTP_SEAL = "smtp-password";

export type SmtpSecurity = "none" | "starttls" | "tls";

export type RelaySettings = {
  host: string;
  port: number | null;
  security: SmtpSecurity;
  user: string | null;
  password: string | null;
};

export type Relay = {
  transport: Transporter;
  source: "workspace" | "environment";
  /** The workspace's from-address, when set; otherwise the caller's default applies. */
  from: { name: string; address: string } | undefined;
  signature: string | null;
};

type Ctx = { db: Executor; config: Pick<Config, "smtpUrl">; secret: string };

const DEFAULT_PORT: Record<SmtpSecurity, number> = { none: 25, starttls: 587, tls: 465 };
export const relayPort = (s: { port: number | null; security: SmtpSecurity }) =>
  s.port ?? DEFAULT_PORT[s.security];

/** nodemailer options for a relay; short timeouts so a wrong host fails a test send quickly. */
export function transportOptions(s: RelaySettings) {
  return {
    host: s.host,
    port: relayPort(s),
    secure: s.security === "tls",
    requireTLS: s.security === "starttls",
    ignoreTLS: s.security === "none",
    ...(s.user ? { auth: { user: s.user, pass: s.password ?? "" } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
}

// One transport per workspace relay, replaced when its settings change.
const cache = new Map<string, { key: string; transport: Transporter }>();

function workspaceTransport(workspaceId: string, s: RelaySettings): Transporter {
  const key = JSON.stringify(s);
  const hit = cache.get(workspaceId);
  if (hit?.key === key) return hit.transport;
  hit?.transport.close();
  const transport = nodemailer.createTransport(transportOptions(s));
  cache.set(workspaceId, { key, transport });
  return transport;
}

export async function readMailSettings(db: Executor, workspaceId: string) {
  return db
    .selectFrom("mail_settings")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
}

/** The relay for a workspace's mail, or undefined when none is configured anywhere. */
export async function relayFor(ctx: Ctx, workspaceId: string): Promise<Relay | undefined> {
  const s = await readMailSettings(ctx.db, workspaceId);
  const from = s?.from_address ? { name: s.from_name ?? "", address: s.from_address } : undefined;
  const signature = s?.signature ?? null;
  if (s?.smtp_host) {
    const password = s.smtp_password_enc ? unseal(ctx.secret, SMTP_SEAL, s.smtp_password_enc) : null;
    const settings = {
      host: s.smtp_host,
      port: s.smtp_port,
      security: s.smtp_security,
      user: s.smtp_user,
      password,
    };
    return { transport: workspaceTransport(workspaceId, settings), source: "workspace", from, signature };
  }
  if (ctx.config.smtpUrl)
    return { transport: relayTransport(ctx.config.smtpUrl), source: "environment", from, signature };
  return undefined;
}

/** Whether mail of this workspace can leave now (cheap: no unsealing, no connection). */
export async function hasRelay(
  ctx: { db: Executor; config: Pick<Config, "smtpUrl"> },
  workspaceId: string,
): Promise<boolean> {
  if (ctx.config.smtpUrl) return true;
  const s = await ctx.db
    .selectFrom("mail_settings")
    .select("smtp_host")
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  return Boolean(s?.smtp_host);
}

/** A relay's refusal as an admin can act on it, rather than a socket error code. */
export function explainRelayError(err: unknown, where?: { host: string; port: number }): string {
  const e = err as { code?: string; responseCode?: number; response?: string; message?: string };
  const at = where ? `${where.host}:${where.port}` : "the relay";
  const detail = (e.response ?? e.message ?? String(err)).slice(0, 300);
  // nodemailer wraps socket errors (code ESOCKET); the system's reason is in the message.
  const code = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT)\b/.exec(e.message ?? "")?.[1] ?? e.code;
  switch (code) {
    case "ECONNREFUSED":
      return `Nothing accepted the connection at ${at}: check the host and port.`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EDNS":
      return `The host name of ${at} could not be found: check the host.`;
    case "ETIMEDOUT":
    case "ETIMEOUT":
    case "ECONNECTION":
      return `${at} did not answer in time: check the host, port and security (${detail}).`;
    case "EAUTH":
      return `The relay refused the user name or password: ${detail}`;
    case "ETLS":
    case "ESOCKET":
      return `The secure connection to ${at} failed: check the security setting (${detail}).`;
    case "EENVELOPE":
      return `The relay refused the sender or recipient: ${detail}`;
    default:
      return `The relay refused the message: ${detail}`;
  }
}
