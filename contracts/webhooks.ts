import { z } from "zod";

/**
 * Outgoing webhooks: endpoints an admin registers, the events they receive, and the log of
 * deliveries. Each POST carries `X-Rapport-Signature: sha256=<hex>`, the HMAC-SHA256 with the
 * endpoint's secret over `<X-Rapport-Timestamp>.<raw body>`.
 */
export const WEBHOOK_EVENTS = [
  "escalation.created",
  "problem.created",
  "problem.status_changed",
  "problem.update_sent",
  "article.published",
  "article.updated",
  "community.topic_created",
  "community.answer_accepted",
  "community.mvp_awarded",
  "idea.created",
  "idea.status_changed",
  "idea.merged",
  "action.executed",
  "sla.breached",
  "customer.at_risk",
  "customer.churned",
  "survey.responded",
  "conduct.step_taken",
  "conduct.appeal_received",
  "academy.course_completed",
  "academy.certificate_issued",
  "academy.session_registered",
  "chat.started",
  "chat.missed",
] as const;
export const webhookEventSchema = z.enum(WEBHOOK_EVENTS);
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

export const MAX_WEBHOOK_URL = 2000;

/** http(s) only, no credentials in the URL, a host and a sane length. */
export const webhookUrlSchema = z
  .string()
  .trim()
  .max(MAX_WEBHOOK_URL, `must be at most ${MAX_WEBHOOK_URL} characters`)
  .refine((v) => {
    let u: URL;
    try {
      u = new URL(v);
    } catch {
      return false;
    }
    return (
      (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "" && !u.username && !u.password
    );
  }, "must be an http:// or https:// URL without user name or password");

export const webhookInputSchema = z.strictObject({
  url: webhookUrlSchema,
  secret: z
    .string()
    .min(16, "must be at least 16 characters")
    .max(200)
    .optional()
    .meta({ description: "Signing secret; generated (and shown once) when absent" }),
  events: z.array(webhookEventSchema).min(1, "choose at least one event").max(WEBHOOK_EVENTS.length),
  description: z.string().trim().max(200).optional(),
});

export const webhookSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    events: z.array(z.string()),
    description: z.string().nullable(),
    active: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "WebhookEndpoint" });
export type Webhook = z.infer<typeof webhookSchema>;
export const webhookListSchema = z.object({ items: z.array(webhookSchema) });
export const createdWebhookSchema = webhookSchema.extend({
  secret: z.string().meta({ description: "The signing secret, shown once" }),
});

export const deliverySchema = z
  .object({
    id: z.uuid(),
    event: z.string(),
    status: z.enum(["pending", "delivered", "failed"]),
    attempts: z.number(),
    lastStatusCode: z.number().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.iso.datetime(),
    lastAttemptAt: z.iso.datetime().nullable(),
    deliveredAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "WebhookDelivery" });
export const deliveryListSchema = z.object({ items: z.array(deliverySchema) });
