import { z } from "zod";

/**
 * Messaging channels (issue #22): a generic inbound endpoint that social networks, SMS
 * gateways and messaging apps reach through a small adapter, and signed outbound replies.
 */
export const channelKindSchema = z.enum(["messaging", "sms"]);

const httpsUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const channelInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  kind: channelKindSchema,
  outboundUrl: httpsUrl.optional(),
  /** Per-kind settings: for "sms", the gateway's sender number ({ "from": "+15550100" }). */
  settings: z.record(z.string(), z.union([z.string().max(500), z.number(), z.boolean()])).optional(),
});
export const channelPatchSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    outboundUrl: httpsUrl.nullable(),
    enabled: z.boolean(),
    settings: z.record(z.string(), z.union([z.string().max(500), z.number(), z.boolean()])),
  })
  .partial();

export const channelSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: channelKindSchema,
  outboundUrl: z.string().nullable(),
  enabled: z.boolean(),
  settings: z.record(z.string(), z.unknown()),
  inboundUrl: z.string(),
  createdAt: z.string(),
});
export type Channel = z.infer<typeof channelSchema>;

/** Returned once on creation (and on rotation): the inbound Bearer token and the signing secret. */
export const channelCreatedSchema = channelSchema.extend({ token: z.string(), signingSecret: z.string() });

export const channelAttachmentInputSchema = z.strictObject({
  url: httpsUrl.optional(),
  name: z.string().trim().min(1).max(255),
  contentType: z.string().max(200).optional(),
  /** Inline content, base64 (at most 5 MB decoded), when the adapter has the bytes. */
  dataBase64: z.string().max(7_000_000).optional(),
});

export const channelInboundSchema = z.strictObject({
  externalThreadId: z.string().trim().min(1).max(500),
  externalMessageId: z.string().trim().min(1).max(500),
  from: z.strictObject({
    externalUserId: z.string().trim().min(1).max(300),
    name: z.string().trim().min(1).max(200).optional(),
    handle: z.string().trim().min(1).max(200).optional(),
  }),
  text: z.string().max(20_000).default(""),
  attachments: z.array(channelAttachmentInputSchema).max(10).default([]),
  sentAt: z.iso.datetime({ offset: true }).optional(),
});
export type ChannelInbound = z.infer<typeof channelInboundSchema>;

export const channelInboundResultSchema = z.object({
  caseId: z.uuid(),
  messageId: z.uuid().nullable(),
  /** True when this externalMessageId was already received: nothing new was written. */
  duplicate: z.boolean(),
});

/** The body Rapport POSTs to the channel's outbound URL for an agent's reply (signed as webhooks). */
export const channelOutboundSchema = z.object({
  channelId: z.uuid(),
  externalThreadId: z.string(),
  messageId: z.uuid(),
  to: z.object({ externalUserId: z.string() }),
  text: z.string(),
  agent: z.object({ name: z.string() }),
  attachments: z.array(z.object({ name: z.string(), contentType: z.string(), url: z.string() })),
  sentAt: z.string(),
});

// ---- Added by the channels module (issue #22): the list, deliveries beside replies, the SMS adapter.

export const channelListSchema = z.object({ items: z.array(channelSchema) });

/** Where one reply on a channel thread stands: shown beside the reply in the case view. */
export const channelDeliverySchema = z.object({
  id: z.uuid(),
  messageId: z.uuid(),
  status: z.enum(["queued", "sent", "failed"]),
  attempts: z.number(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});
export type ChannelDelivery = z.infer<typeof channelDeliverySchema>;
export const channelDeliveryListSchema = z.object({ items: z.array(channelDeliverySchema) });

/**
 * The SMS adapter's inbound shape: what a generic HTTP SMS gateway posts for a received text
 * (docs/channels.md). `from` is the customer's number, `to` the company's, `id` the gateway's
 * message id (duplicates by it are ignored).
 */
export const smsInboundSchema = z.strictObject({
  from: z.string().trim().min(3).max(40),
  to: z.string().trim().max(40).optional(),
  text: z.string().max(2000),
  id: z.string().trim().min(1).max(500),
});
