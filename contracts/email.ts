import { z } from "zod";

export const inboundAcceptedSchema = z.object({
  id: z.uuid(),
  duplicate: z.boolean().meta({ description: "True when this Message-ID was already received" }),
});

export const supportAddressSchema = z.object({
  id: z.uuid(),
  address: z.string(),
  lastReceivedAt: z.iso.datetime().nullable(),
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
        messageId: z.uuid(),
        caseId: z.uuid(),
        caseNumber: z.number(),
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
  outboxWaiting: z.number().meta({ description: "Agent replies waiting to be sent" }),
});
