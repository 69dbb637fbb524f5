import type { AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { QUEUES } from "../../platform/jobs/queue.ts";
import { pinnedFetch, RefusedDestination } from "../../platform/outbound/pinned-fetch.ts";
import { unseal } from "../../platform/sealed.ts";
import { signWebhook } from "./sign.ts";
import { findDeliveryForJob, recordAttempt } from "./webhooks.repo.ts";
import { SECRET_PURPOSE } from "./webhooks.service.ts";

const TIMEOUT_MS = 10_000;
const MAX_ATTEMPTS = QUEUES["webhook.deliver"].retryLimit + 1;

/**
 * The `webhook.deliver` job: POSTs one delivery's stored body, signed, and records the
 * outcome. Anything but a 2xx throws so pg-boss retries with backoff; the last failed attempt
 * marks the delivery failed. Redirects are not followed (a receiver should answer itself).
 */
export async function deliverWebhook(
  ctx: Pick<AppContext, "db" | "secret" | "log" | "config">,
  deliveryId: string,
) {
  const d = await findDeliveryForJob(ctx.db, deliveryId);
  if (!d) return; // the endpoint was deleted
  if (d.status !== "pending") return; // already delivered or given up
  const scope = new TenantScope(ctx.db, d.workspaceId);
  const timestamp = String(Math.floor(Date.now() / 1000));
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    // Resolved once, checked, and connected to that address (DNS rebinding, pinned-fetch.ts).
    const res = await pinnedFetch(
      d.url,
      {
        method: "POST",
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: {
          "content-type": "application/json",
          "user-agent": "Rapport-Webhooks/1",
          "x-rapport-event": d.event,
          "x-rapport-delivery": d.id,
          "x-rapport-timestamp": timestamp,
          "x-rapport-signature": signWebhook(
            unseal(ctx.secret, SECRET_PURPOSE, d.secretSealed),
            timestamp,
            d.body,
          ),
        },
        body: d.body,
      },
      { allowPrivate: ctx.config.webhookAllowPrivate },
    );
    statusCode = res.status;
    await res.body?.cancel();
    if (!res.ok) error = `HTTP ${res.status}`;
  } catch (err) {
    error =
      err instanceof RefusedDestination
        ? `refused: ${err.message}`
        : err instanceof Error
          ? err.message.slice(0, 500)
          : "request failed";
  }
  if (error === null) {
    await recordAttempt(scope, d.id, { status: "delivered", statusCode, error: null });
    return;
  }
  const final = d.attempts + 1 >= MAX_ATTEMPTS;
  await recordAttempt(scope, d.id, { status: final ? "failed" : "pending", statusCode, error });
  ctx.log.warn({ deliveryId: d.id, statusCode, error, final }, "webhook delivery failed");
  if (!final) throw new Error(`webhook delivery failed: ${error}`);
}
