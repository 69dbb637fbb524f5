import type { Actor } from "../../../platform/context.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { AppError } from "../../../platform/http/errors.ts";
import { findCustomerForUser } from "../../customers/customers.repo.ts";

/**
 * Who a learner request is about. A customer acts as their own customer record; staff who read
 * customers may name one (`?customerId=`) to see that customer's learning, read-only.
 * Anything else (another customer's id, a customer of another workspace) is a 404.
 */
export function isStaffReader(actor: Actor): boolean {
  return actor.permissions.includes("customers.read");
}

/** The signed-in person's own customer record; staff previewing the portal have none (404). */
export async function ownLearnerId(scope: TenantScope, actor: Actor): Promise<string> {
  const customer = await findCustomerForUser(scope, actor.userId);
  if (!customer) throw new AppError("not_found", "You have no customer record to learn as");
  return customer.id;
}

/** For reads: a staff member's named customer (checked to exist here), or the caller's own. */
export async function readableLearnerId(
  scope: TenantScope,
  actor: Actor,
  customerId: string | undefined,
): Promise<string> {
  if (customerId === undefined) return ownLearnerId(scope, actor);
  if (!isStaffReader(actor)) {
    const own = await findCustomerForUser(scope, actor.userId);
    if (own?.id === customerId) return own.id;
    throw new AppError("not_found", "Customer was not found", "customerId");
  }
  const row = await scope
    .selectFrom("customers")
    .select("id")
    .where("id", "=", customerId)
    .executeTakeFirst();
  if (!row) throw new AppError("not_found", "Customer was not found", "customerId");
  return row.id;
}
