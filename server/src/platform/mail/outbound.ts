import nodemailer from "nodemailer";
import type { Logger } from "pino";
import { z } from "zod";

/**
 * Outbound mail goes through the `mail.send` job so a slow or failing relay never blocks a
 * request, and failures are retried with backoff. Without SMTP_URL nothing can be sent,
 * so the message is written to the log instead (one-time links stay usable in development).
 */
export const mailJobSchema = z.object({
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  /** Set for one-time sign-in links, so the log line is easy to find without mail. */
  magicLink: z.string().optional(),
  /** Set for staff invitations, likewise. */
  inviteLink: z.string().optional(),
  /** Threading for automatic mail about a case (acknowledgements). */
  from: z.object({ name: z.string(), address: z.string() }).optional(),
  replyTo: z.string().optional(),
  inReplyTo: z.string().optional(),
  references: z.array(z.string()).optional(),
});
export type MailJob = z.infer<typeof mailJobSchema>;

export type MailSender = (job: MailJob) => Promise<void>;

export function createMailSender(opts: {
  smtpUrl: string | undefined;
  from: string;
  log: Logger;
}): MailSender {
  if (!opts.smtpUrl) {
    return async (job) => {
      if (job.magicLink) {
        opts.log.info({ email: job.to, url: job.magicLink }, "magic link");
      } else if (job.inviteLink) {
        opts.log.info({ email: job.to, url: job.inviteLink }, "invitation link");
      } else {
        opts.log.info({ to: job.to, subject: job.subject, text: job.text }, "mail (no SMTP_URL configured)");
      }
    };
  }
  const transport = nodemailer.createTransport(opts.smtpUrl);
  return async (job) => {
    await transport.sendMail({
      from: job.from ?? opts.from,
      to: job.to,
      subject: job.subject,
      text: job.text,
      ...(job.replyTo ? { replyTo: job.replyTo } : {}),
      ...(job.inReplyTo ? { inReplyTo: job.inReplyTo } : {}),
      ...(job.references ? { references: job.references } : {}),
      // Automatic mail says so, so other systems' auto-responders do not answer it.
      headers: job.magicLink || job.inviteLink ? {} : { "Auto-Submitted": "auto-replied" },
    });
    opts.log.info({ to: job.to, subject: job.subject }, "mail sent");
  };
}
