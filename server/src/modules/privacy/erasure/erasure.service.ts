import type { CustomerErasureState, Erasure } from "../../../../../contracts/privacy.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError, notFound } from "../../../platform/http/errors.ts";
import { iso } from "../../../platform/http/route-kit.ts";
import { enqueueInTx } from "../../../platform/jobs/enqueue.ts";
import { audit } from "../../audit/audit.ts";
import { listHolds } from "../holds/holds.repo.ts";

type Ctx = Pick<AppContext, "db" | "boss">;

type ErasureRow = {
  id: string;
  customer_id: string;
  status: "pending" | "completed";
  requested_at: Date;
  completed_at: Date | null;
};

export const presentErasure = (r: ErasureRow): Erasure => ({
  id: r.id,
  customerId: r.customer_id,
  status: r.status,
  requestedAt: iso(r.requested_at),
  completedAt: iso(r.completed_at),
});

/**
 * Starts erasing a customer: refuses while a legal hold covers them or one of their cases
 * (409 naming the hold and its reason), otherwise records the request, audits it and queues
 * the job in the same transaction. Asking again while it runs, or after, answers the same request.
 */
export async function requestErasure(
  ctx: Ctx,
  actor: Actor,
  customerId: string,
  requestId?: string,
): Promise<Erasure> {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    // The row lock orders this against a hold being placed at the same moment.
    const customer = await scope
      .selectFrom("customers")
      .select(["id"])
      .where("id", "=", customerId)
      .forUpdate()
      .executeTakeFirst();
    if (!customer) throw notFound("Customer");
    const existing = await scope
      .selectFrom("erasure_requests")
      .select(["id", "customer_id", "status", "requested_at", "completed_at"])
      .where("customer_id", "=", customerId)
      .orderBy("requested_at", "desc")
      .executeTakeFirst();
    if (existing) return presentErasure(existing as ErasureRow);
    const [hold] = await listHolds(scope, { status: "active", customerId });
    if (hold) {
      const on = hold.caseId ? `case ${hold.subject.split(" ")[0]}` : "this customer";
      throw new AppError(
        "legal_hold",
        `A legal hold on ${on} blocks erasure (hold ${hold.id}, placed by ${hold.placedByName}): ${hold.reason}`,
        "legalHold",
      );
    }
    const row = await scope
      .insertInto("erasure_requests", { customer_id: customerId, requested_by: actor.userId })
      .returning(["id", "customer_id", "status", "requested_at", "completed_at"])
      .executeTakeFirstOrThrow();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "customer.erasure_requested",
      subjectType: "customer",
      subjectId: customerId,
      data: { erasureId: row.id },
      requestId,
    });
    await enqueueInTx(ctx.boss, tx, "privacy.erase", { workspaceId: actor.workspaceId, erasureId: row.id });
    return presentErasure(row as ErasureRow);
  });
}

/** What the customer page shows: erased or not, the request, and the holds that block erasure. */
export async function erasureState(
  ctx: Ctx,
  actor: Actor,
  customerId: string,
): Promise<CustomerErasureState> {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const customer = await scope
    .selectFrom("customers")
    .select(["erased_at"])
    .where("id", "=", customerId)
    .executeTakeFirst();
  if (!customer) throw notFound("Customer");
  const erasure = await scope
    .selectFrom("erasure_requests")
    .select(["id", "customer_id", "status", "requested_at", "completed_at"])
    .where("customer_id", "=", customerId)
    .orderBy("requested_at", "desc")
    .executeTakeFirst();
  return {
    erasedAt: iso(customer.erased_at),
    erasure: erasure ? presentErasure(erasure as ErasureRow) : null,
    holds: await listHolds(scope, { status: "active", customerId }),
  };
}
