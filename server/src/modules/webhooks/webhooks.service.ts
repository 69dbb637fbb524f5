import { randomBytes } from "node:crypto";
import type { WebhookEvent } from "../../../../contracts/webhooks.ts";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { iso } from "../../platform/http/route-kit.ts";
import { enqueueInTx } from "../../platform/jobs/enqueue.ts";
import { seal } from "../../platform/sealed.ts";
import { audit } from "../audit/audit.ts";
import { internalDestination } from "./destination.ts";
import {
  activeEndpointsFor,
  deleteEndpoint,
  findEndpoint,
  insertDelivery,
  insertEndpoint,
  listDeliveries,
  listEndpoints,
} from "./webhooks.repo.ts";

export const SECRET_PURPOSE = "webhook-secret";
type Ctx = Pick<AppContext, "db" | "secret" | "config">;
type EndpointRow = Awaited<ReturnType<typeof listEndpoints>>[number];

const present = (e: EndpointRow) => ({
  id: e.id,
  url: e.url,
  events: e.event_types,
  description: e.description,
  active: e.active,
  createdAt: iso(e.created_at),
});

export async function createWebhook(
  ctx: Ctx,
  actor: Actor,
  input: { url: string; secret?: string | undefined; events: string[]; description?: string | undefined },
) {
  const secret = input.secret ?? `whsec_${randomBytes(24).toString("base64url")}`;
  if (!ctx.config.webhookAllowPrivate) {
    const reason = await internalDestination(input.url);
    if (reason)
      throw new AppError(
        "validation_failed",
        `Webhooks may not point into Rapport's own network (${reason}); set WEBHOOK_ALLOW_PRIVATE=true to allow it`,
        "url",
      );
  }
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const row = await insertEndpoint(scope, {
      url: input.url,
      secretSealed: seal(ctx.secret, SECRET_PURPOSE, secret),
      events: [...new Set(input.events)],
      description: input.description ?? null,
      createdBy: actor.userId,
    });
    await audit(scope, {
      actorUserId: actor.userId,
      action: "webhook.created",
      subjectType: "webhook",
      subjectId: row.id,
      data: { url: row.url, events: row.event_types },
    });
    return { ...present(row), secret };
  });
}

export async function listWebhooks(ctx: Ctx, actor: Actor) {
  const rows = await listEndpoints(new TenantScope(ctx.db, actor.workspaceId));
  return { items: rows.map(present) };
}

export async function removeWebhook(ctx: Ctx, actor: Actor, id: string) {
  await inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    if (!(await deleteEndpoint(scope, id))) throw new AppError("not_found", "Webhook was not found");
    await audit(scope, {
      actorUserId: actor.userId,
      action: "webhook.deleted",
      subjectType: "webhook",
      subjectId: id,
    });
  });
}

export async function webhookDeliveries(ctx: Ctx, actor: Actor, id: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  if (!(await findEndpoint(scope, id))) throw new AppError("not_found", "Webhook was not found");
  const rows = await listDeliveries(scope, id, 100);
  return {
    items: rows.map((d) => ({
      id: d.id,
      event: d.event_type,
      status: d.status,
      attempts: d.attempts,
      lastStatusCode: d.last_status_code,
      lastError: d.last_error,
      createdAt: iso(d.created_at),
      lastAttemptAt: iso(d.last_attempt_at),
      deliveredAt: iso(d.delivered_at),
    })),
  };
}

/**
 * Queues `event` for every active endpoint that subscribed to it, inside the caller's
 * transaction: the deliveries exist exactly when the change they announce was committed.
 * `boss` is absent in the CLI (demo), where nothing is announced.
 */
export async function emitWebhookEvent(
  scope: TenantScope,
  boss: AppContext["boss"] | undefined,
  event: WebhookEvent,
  data: Record<string, unknown>,
): Promise<void> {
  if (!boss) return;
  const endpoints = await activeEndpointsFor(scope, event);
  for (const endpoint of endpoints) {
    const deliveryId = await insertDelivery(scope, { endpointId: endpoint.id, event, body: "" });
    // The body names its own delivery id, so receivers can de-duplicate retries.
    const body = JSON.stringify({ id: deliveryId, event, occurredAt: new Date().toISOString(), data });
    await scope.updateTable("webhook_deliveries").set({ body }).where("id", "=", deliveryId).execute();
    await enqueueInTx(boss, scope.db, "webhook.deliver", { deliveryId });
  }
}
