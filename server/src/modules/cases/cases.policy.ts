import type { Actor } from "../../platform/context.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { AppError } from "../../platform/http/errors.ts";
import { findCustomerForUser } from "../customers/customers.repo.ts";

/**
 * Staff see every case of their workspace. A customer sees only cases of their own customer
 * record, and any other case is answered as not found.
 */
export function isStaff(actor: Actor): boolean {
  return actor.permissions.includes("cases.read");
}

/** Staff who only read (engineers) may add internal notes, but never write to customers or open cases. */
export function assertCanWorkCases(actor: Actor, what: "reply" | "note" | "create"): void {
  if (actor.permissions.includes("cases.work")) return;
  if (what === "note" && actor.permissions.includes("cases.read")) return;
  throw new AppError("forbidden", "Your role may read cases but not change them");
}

/** The customer record a customer-actor acts as, or 404 when they have none. */
export async function ownCustomerId(scope: TenantScope, actor: Actor): Promise<string> {
  const customer = await findCustomerForUser(scope, actor.userId);
  if (!customer) throw new AppError("not_found", "Case was not found");
  return customer.id;
}

export async function assertCanSeeCase(scope: TenantScope, actor: Actor, caseCustomerId: string | undefined) {
  if (caseCustomerId === undefined) throw new AppError("not_found", "Case was not found");
  if (isStaff(actor)) return;
  if (!actor.permissions.includes("portal.use") || (await ownCustomerId(scope, actor)) !== caseCustomerId) {
    throw new AppError("not_found", "Case was not found");
  }
}
