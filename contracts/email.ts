import { z } from "zod";

export const inboundAcceptedSchema = z.object({
  id: z.uuid(),
  duplicate: z.boolean().meta({ description: "True when this Message-ID was already received" }),
});

export const supportAddressSchema = z.object({
  id: z.uuid(),
  address: z.string(),
  lastReceivedAt: z.iso.datetime().nullable(),
  imap: z
    .object({
      host: z.string(),
      port: z.number().nullable(),
      secure: z.boolean(),
      user: z.string(),
      mailbox: z.string(),
      enabled: z.boolean().meta({ description: "False: settings kept, but the mailbox is not polled" }),
      lastPolledAt: z.iso.datetime().nullable(),
      lastError: z.string().nullable(),
      lastFetched: z.number().nullable().meta({ description: "Unseen messages the last poll fetched" }),
      lastStored: z.number().nullable().meta({ description: "Of those, how many were new" }),
    })
    .nullable()
    .optional()
    .meta({ description: "The mailbox polled for this address, if any (never the password)" }),
});

export const imapSettingsInputSchema = z.strictObject({
  host: z.string().trim().min(1).max(253),
  port: z.number().int().min(1).max(65535).optional(),
  secure: z.boolean().default(true),
  user: z.string().trim().min(1).max(254),
  password: z
    .string()
    .min(1)
    .max(1000)
    .optional()
    .meta({ description: "Leave out to keep the stored password (required the first time)" }),
  mailbox: z.string().trim().min(1).max(200).default("INBOX"),
  enabled: z.boolean().default(true),
});
export const pollResultSchema = z.object({
  fetched: z.number(),
  stored: z.number(),
  error: z.string().nullable().meta({ description: "Why the poll failed (also kept on the address)" }),
});

export const emailHealthSchema = z
  .object({
    relayConfigured: z
      .boolean()
      .meta({ description: "False: replies wait in the outbox until SMTP_URL is set" }),
    outboxWaiting: z.number(),
    addresses: z.array(supportAddressSchema),
    failedInbound: z.array(
      z.object({
        id: z.uuid(),
        error: z.string().nullable(),
        receivedAt: z.iso.datetime(),
        size: z.number(),
        from: z.string().nullable(),
      }),
    ),
    failedOutbound: z.array(
      z.object({
        messageId: z.uuid().meta({ description: "The reply message, or the outbox mail" }),
        kind: z
          .enum(["reply", "sign_in_link", "invitation", "acknowledgement", "notification"])
          .meta({ description: "An agent's reply, or mail Rapport wrote itself" }),
        caseId: z.uuid().nullable(),
        caseNumber: z.number().nullable(),
        to: z.string().nullable(),
        subject: z.string().nullable(),
        error: z.string().nullable(),
        createdAt: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: "EmailHealth" });

export const supportAddressInputSchema = z.strictObject({
  address: z
    .email()
    .max(254)
    .transform((v) => v.toLowerCase()),
});

export const emailStatusSchema = z.object({
  relayConfigured: z.boolean(),
  outboxWaiting: z
    .number()
    .meta({ description: "Replies and other mail (sign-in links, acknowledgements) waiting to be sent" }),
});

/** Bulk and list mail (newsletters, notifications) kept out of the inbox for an admin to review. */
export const heldMailSchema = z
  .object({
    id: z.uuid(),
    subject: z.string().nullable(),
    from: z.string().nullable(),
    reason: z.string().nullable().meta({ description: "Why it was held, e.g. `Precedence: bulk`" }),
    receivedAt: z.iso.datetime(),
    size: z.number(),
  })
  .meta({ id: "HeldMail" });

export const heldMailPageSchema = z.object({
  items: z.array(heldMailSchema),
  nextCursor: z.string().nullable(),
});

export const promotedMailSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid().nullable().meta({
    description: "The case the message opened or joined; null while it still waits to be processed",
  }),
});
