import type { Executor, TenantScope } from "../../platform/db/tenant.ts";

/** SQL for webhook endpoints and their deliveries, always through a TenantScope. */
export async function insertEndpoint(
  scope: TenantScope,
  e: { url: string; secretSealed: string; events: string[]; description: string | null; createdBy: string },
) {
  return scope
    .insertInto("webhook_endpoints", {
      url: e.url,
      secret_sealed: e.secretSealed,
      event_types: e.events,
      description: e.description,
      created_by: e.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listEndpoints(scope: TenantScope) {
  return scope.selectFrom("webhook_endpoints").selectAll().orderBy("created_at").orderBy("id").execute();
}

export function findEndpoint(scope: TenantScope, id: string) {
  return scope.selectFrom("webhook_endpoints").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function deleteEndpoint(scope: TenantScope, id: string): Promise<boolean> {
  const r = await scope.deleteFrom("webhook_endpoints").where("id", "=", id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export function activeEndpointsFor(scope: TenantScope, event: string) {
  return scope
    .selectFrom("webhook_endpoints")
    .select(["id"])
    .where("active", "=", true)
    .where((eb) => eb(eb.val(event), "=", eb.fn.any("event_types")))
    .execute();
}

export async function insertDelivery(
  scope: TenantScope,
  d: { endpointId: string; event: string; body: string },
) {
  const row = await scope
    .insertInto("webhook_deliveries", { endpoint_id: d.endpointId, event_type: d.event, body: d.body })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export function listDeliveries(scope: TenantScope, endpointId: string, limit: number) {
  return scope
    .selectFrom("webhook_deliveries")
    .selectAll()
    .where("endpoint_id", "=", endpointId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/**
 * A delivery job holds only the delivery id; this lookup *finds* its workspace (like the
 * email.process job), so it is the one unscoped read here.
 */
export function findDeliveryForJob(db: Executor, deliveryId: string) {
  return db
    .selectFrom("webhook_deliveries as d")
    .innerJoin("webhook_endpoints as e", "e.id", "d.endpoint_id")
    .select([
      "d.id",
      "d.workspace_id as workspaceId",
      "d.event_type as event",
      "d.body",
      "d.status",
      "d.attempts",
      "e.url",
      "e.secret_sealed as secretSealed",
    ])
    .where("d.id", "=", deliveryId)
    .executeTakeFirst();
}

export async function recordAttempt(
  scope: TenantScope,
  id: string,
  r: { status: "pending" | "delivered" | "failed"; statusCode: number | null; error: string | null },
) {
  const now = new Date();
  await scope
    .updateTable("webhook_deliveries")
    .set((eb) => ({
      status: r.status as never,
      attempts: eb("attempts", "+", 1),
      last_status_code: r.statusCode,
      last_error: r.error,
      last_attempt_at: now,
      ...(r.status === "delivered" ? { delivered_at: now } : {}),
    }))
    .where("id", "=", id)
    .execute();
}
