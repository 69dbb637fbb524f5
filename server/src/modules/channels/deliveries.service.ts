import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { iso } from "../../platform/http/route-kit.ts";
import { enqueueInTx } from "../../platform/jobs/enqueue.ts";
import { assertCanSeeCase, assertCanWorkCases, isStaff } from "../cases/cases.policy.ts";
import { findCase } from "../cases/cases.repo.ts";
import { deliveriesOfCase, lockDeliveryOfMessage, setDelivery } from "./channels.repo.ts";
import { announceDelivery } from "./outbound.ts";

type Ctx = Pick<AppContext, "db" | "boss">;
type DeliveryRow = Awaited<ReturnType<typeof deliveriesOfCase>>[number];

const present = (d: DeliveryRow) => ({
  id: d.id,
  messageId: d.messageId,
  status: d.status as "queued" | "sent" | "failed",
  attempts: d.attempts,
  lastError: d.lastError,
  deliveredAt: iso(d.deliveredAt),
});

/** Where each reply of a case stands on its way out through the channel (staff only). */
export async function caseDeliveries(ctx: Ctx, actor: Actor, caseId: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  const c = await findCase(scope, caseId);
  if (!isStaff(actor)) throw new AppError("not_found", "Case was not found");
  await assertCanSeeCase(scope, actor, c?.customerId);
  return { items: (await deliveriesOfCase(scope, caseId)).map(present) };
}

/**
 * Sends a failed reply again: queued afresh with its attempts reset, in one transaction with
 * the job. Only a failed delivery may be retried, so a sent reply is never sent twice by hand.
 */
export async function retryDelivery(ctx: Ctx, actor: Actor, messageId: string) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const d = await lockDeliveryOfMessage(scope, messageId);
    const c = d ? await findCase(scope, d.caseId) : undefined;
    if (!d || !c || !isStaff(actor)) throw new AppError("not_found", "Message was not found");
    await assertCanSeeCase(scope, actor, c.customerId);
    assertCanWorkCases(actor, "reply");
    if (d.status !== "failed")
      throw new AppError("conflict", `Only a failed delivery can be retried; this one is ${d.status}`);
    await setDelivery(scope, d.id, { status: "queued", attempts: 0, lastError: null });
    await enqueueInTx(ctx.boss, tx, "channel.deliver", { channelMessageId: d.id });
    await announceDelivery(scope, { caseId: c.id, customerId: c.customerId });
    return present({ ...d, status: "queued", attempts: 0, lastError: null });
  });
}
