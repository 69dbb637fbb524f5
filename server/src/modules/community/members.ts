import { isStaffRole } from "../../platform/auth/permissions.ts";
import type { Actor } from "../../platform/context.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";
import { findCustomerForUser } from "../customers/customers.repo.ts";

/**
 * Community members: the person behind every post, vote, follow and flag. A member row is
 * made on first use, for a signed-in person (staff or portal customer), or for a customer a
 * staff API token posts on behalf of (no login yet; if they sign in later, their user id is
 * attached to the same member). Everything else in community/ refers to members by id only.
 */

export type Member = {
  id: string;
  userId: string | null;
  customerId: string | null;
  isStaff: boolean;
  displayName: string;
  reputation: number;
  trustLevel: number;
  /** A moderation penalty holds trust at 0 and silences the member until then. */
  penaltyUntil: Date | null;
};

const columns = [
  "id",
  "user_id as userId",
  "customer_id as customerId",
  "is_staff as isStaff",
  "display_name as displayName",
  "reputation",
  "trust_level as trustLevel",
  "penalty_until as penaltyUntil",
] as const;

/**
 * A first display name: first name and the initial of the last ("Carla R."), so no full name
 * is published unasked; the member changes it in their profile.
 */
export function defaultDisplayName(name: string, email: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0] ?? "";
  const last = words.length > 1 ? words[words.length - 1] : "";
  const initial = last ? ` ${[...last][0]?.toUpperCase()}.` : "";
  return (first ? `${first}${initial}` : email.split("@")[0] || "member").slice(0, 60);
}

/** The member for a signed-in actor, created on first use. Runs inside the caller's transaction. */
export async function ensureMemberForActor(scope: TenantScope, actor: Actor): Promise<Member> {
  const found = await scope
    .selectFrom("community_members")
    .select(columns)
    .where("user_id", "=", actor.userId)
    .executeTakeFirst();
  if (found) return found;
  const isStaff = isStaffRole(actor.role);
  const customer = isStaff ? undefined : await findCustomerForUser(scope, actor.userId);
  if (customer) {
    // A customer someone already posted for: attach the login to that member.
    const claimed = await scope
      .updateTable("community_members")
      .set({ user_id: actor.userId, updated_at: new Date() })
      .where("customer_id", "=", customer.id)
      .where("user_id", "is", null)
      .returning(columns)
      .executeTakeFirst();
    if (claimed) return claimed;
  }
  const inserted = await scope
    .insertInto("community_members", {
      user_id: actor.userId,
      customer_id: customer?.id ?? null,
      is_staff: isStaff,
      // A customer's name on their record reads better than their sign-in name (often the email's).
      display_name: defaultDisplayName(customer?.name ?? actor.name, actor.email),
    })
    .onConflict((oc) => oc.columns(["workspace_id", "user_id"]).doNothing())
    .returning(columns)
    .executeTakeFirst();
  if (inserted) return inserted;
  // A concurrent request made it first.
  return scope
    .selectFrom("community_members")
    .select(columns)
    .where("user_id", "=", actor.userId)
    .executeTakeFirstOrThrow();
}

/** The member for a customer (a staff token posting on their behalf), created on first use. */
export async function ensureMemberForCustomer(
  scope: TenantScope,
  customer: { id: string; name: string; userId: string | null },
): Promise<Member> {
  const found = await scope
    .selectFrom("community_members")
    .select(columns)
    .where((eb) =>
      customer.userId
        ? eb.or([eb("customer_id", "=", customer.id), eb("user_id", "=", customer.userId)])
        : eb("customer_id", "=", customer.id),
    )
    .executeTakeFirst();
  if (found) return found;
  await scope
    .insertInto("community_members", {
      user_id: customer.userId,
      customer_id: customer.id,
      display_name: defaultDisplayName(customer.name, "member@"),
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return scope
    .selectFrom("community_members")
    .select(columns)
    .where("customer_id", "=", customer.id)
    .executeTakeFirstOrThrow();
}

/** The member for a signed-in actor if they ever took part, without creating one. */
export function findMemberForUser(scope: TenantScope, userId: string): Promise<Member | undefined> {
  return scope
    .selectFrom("community_members")
    .select(columns)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

export function findMember(scope: TenantScope, id: string): Promise<Member | undefined> {
  return scope.selectFrom("community_members").select(columns).where("id", "=", id).executeTakeFirst();
}
