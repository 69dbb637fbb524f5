import type { Actor } from "../../platform/context.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { findCustomerForUser } from "../customers/customers.repo.ts";

/**
 * Staff read every snapshot of their workspace. A customer reads the snapshots of their own
 * customer record only; anything else is answered as not found, never as forbidden.
 */
export const isStaff = (actor: Actor) => actor.permissions.includes("customers.read");

export async function assertCanRead(
  scope: TenantScope,
  actor: Actor,
  ownerCustomerId: string | undefined,
  what = "Diagnostic snapshot",
): Promise<void> {
  const missing = () => new AppError("not_found", `${what} was not found`);
  if (ownerCustomerId === undefined) throw missing();
  if (isStaff(actor)) return;
  if (!actor.permissions.includes("portal.use")) throw missing();
  const own = await findCustomerForUser(scope, actor.userId);
  if (own?.id !== ownerCustomerId) throw missing();
}
