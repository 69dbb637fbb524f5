import nodemailer, { type Transporter } from "nodemailer";

let cached: { url: string; transport: Transporter } | undefined;

/** One pooled-connection transport per relay URL for every kind of outgoing mail. */
export function relayTransport(smtpUrl: string): Transporter {
  if (cached?.url !== smtpUrl) cached = { url: smtpUrl, transport: nodemailer.createTransport(smtpUrl) };
  return cached.transport;
}
