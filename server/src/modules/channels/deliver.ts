import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { fencedJobs } from "../../platform/jobs/fenced-jobs.ts";
import { QUEUES } from "../../platform/jobs/queue.ts";
import { pinnedFetch, RefusedDestination } from "../../platform/outbound/pinned-fetch.ts";
import { unseal } from "../../platform/sealed.ts";
import type { StoredAttachment } from "../cases/messages.repo.ts";
import { signWebhook } from "../webhooks/sign.ts";
import { workspaceUrl } from "../workspaces/workspace-url.ts";
import { externalUserOf, lockDeliveryForJob, setDelivery } from "./channels.repo.ts";
import { API_KEY_PURPOSE, SECRET_PURPOSE } from "./channels.service.ts";
import { announceDelivery, CHANNEL_DISABLED, NO_OUTBOUND_URL } from "./outbound.ts";
import { toSms } from "./sms.ts";

type Ctx = Pick<AppContext, "db" | "secret" | "log" | "config" | "boss">;
const TIMEOUT_MS = 10_000;
export const MAX_ATTEMPTS = QUEUES["channel.deliver"].retryLimit + 1;

/** Registers the `channel.deliver` worker (worker processes only, from runtime.ts). */
export async function workChannelDeliveries(ctx: Ctx): Promise<void> {
  await ctx.boss.work(
    "channel.deliver",
    fencedJobs<{ channelMessageId: string }>((data) => deliverChannelMessage(ctx, data.channelMessageId)),
  );
}

/**
 * The `channel.deliver` job: POSTs one reply to the channel's outbound URL, signed exactly as
 * webhooks are (X-Rapport-Timestamp, X-Rapport-Signature) with the reply's message id as the
 * Idempotency-Key, so a receiver that answered an attempt badly can still tell a retry from a
 * new reply. The row stays locked while it is sent (one sender per reply); a 2xx marks it sent,
 * anything else records the error and throws so pg-boss retries with backoff, and the last
 * attempt marks it failed. Redirects are not followed.
 */
export async function deliverChannelMessage(ctx: Ctx, channelMessageId: string): Promise<void> {
  const outcome = await inTransaction(ctx.db, async (tx) => {
    const d = await lockDeliveryForJob(tx, channelMessageId);
    if (d?.status !== "queued") return null; // sent, given up, deleted, or being sent now
    const scope = new TenantScope(tx, d.workspaceId);
    let error: string | null = null;
    if (!d.outboundUrl) error = NO_OUTBOUND_URL;
    else if (!d.enabled) error = CHANNEL_DISABLED;
    else {
      const settings = d.settings as Record<string, unknown>;
      const body =
        d.kind === "sms"
          ? toSms({ externalThreadId: d.externalThreadId, messageId: d.messageId, body: d.body }, settings)
          : JSON.stringify({
              channelId: d.channelId,
              externalThreadId: d.externalThreadId,
              messageId: d.messageId,
              to: {
                externalUserId:
                  (await externalUserOf(scope, d.customerId, d.channelId)) ?? d.externalThreadId,
              },
              text: d.body,
              agent: { name: d.authorName },
              attachments: await attachmentLinks(ctx, d.workspaceId, d.attachments as StoredAttachment[]),
              sentAt: d.createdAt.toISOString(),
            });
      const apiKey =
        typeof settings.apiKey === "string" ? unseal(ctx.secret, API_KEY_PURPOSE, settings.apiKey) : null;
      error = await post(ctx, d.outboundUrl, body, {
        signingSecret: unseal(ctx.secret, SECRET_PURPOSE, d.secretSealed),
        idempotencyKey: d.messageId,
        apiKey,
      });
    }
    const attempts = d.attempts + 1;
    // A channel with nothing to deliver to will not improve by retrying: fail at once.
    const final =
      error !== null && (attempts >= MAX_ATTEMPTS || error === NO_OUTBOUND_URL || error === CHANNEL_DISABLED);
    await setDelivery(scope, d.id, {
      status: error === null ? "sent" : final ? "failed" : "queued",
      attempts,
      lastError: error,
      ...(error === null ? { deliveredAt: new Date() } : {}),
    });
    if (error === null || final)
      await announceDelivery(scope, { caseId: d.caseId, customerId: d.customerId });
    return { error, final, id: d.id };
  });
  if (outcome?.error) {
    ctx.log.warn({ channelMessageId, error: outcome.error, final: outcome.final }, "channel delivery failed");
    if (!outcome.final) throw new Error(`channel delivery failed: ${outcome.error}`);
  }
}

/** One signed POST; the error in plain words, or null when the receiver took it (2xx). */
async function post(
  ctx: Pick<Ctx, "config">,
  url: string,
  body: string,
  o: { signingSecret: string; idempotencyKey: string; apiKey: string | null },
): Promise<string | null> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  try {
    // Resolved once, checked, and connected to that address (DNS rebinding, pinned-fetch.ts).
    const res = await pinnedFetch(
      url,
      {
        method: "POST",
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: {
          "content-type": "application/json",
          "user-agent": "Rapport-Channels/1",
          "x-rapport-event": "channel.message",
          "x-rapport-timestamp": timestamp,
          "x-rapport-signature": signWebhook(o.signingSecret, timestamp, body),
          "idempotency-key": o.idempotencyKey,
          ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}),
        },
        body,
      },
      { allowPrivate: ctx.config.webhookAllowPrivate },
    );
    await res.body?.cancel();
    return res.ok ? null : `HTTP ${res.status}`;
  } catch (err) {
    if (err instanceof RefusedDestination) return `refused: ${err.message}`;
    // fetch says only "fetch failed"; the cause (ECONNREFUSED, a TLS error) is what helps an admin.
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message;
    const message = err instanceof Error ? err.message : "request failed";
    return (detail ? `${message}: ${detail}` : message).slice(0, 500);
  }
}

/** Attachments are links to Rapport's attachment endpoint, which the adapter reads with an API token. */
async function attachmentLinks(
  ctx: Pick<Ctx, "db" | "config">,
  workspaceId: string,
  attachments: StoredAttachment[],
) {
  if (attachments.length === 0) return [];
  const base = await workspaceUrl(ctx, workspaceId);
  return attachments.map((a) => ({
    name: a.name,
    contentType: a.contentType,
    url: `${base}/api/v1/attachments/${a.id}`,
  }));
}
