import type { TenantScope } from "../../platform/db/tenant.ts";
import {
  findCustomer,
  findIdentityOwner,
  insertCustomer,
  insertIdentity,
} from "../customers/customers.repo.ts";
import type { VisitorRow } from "./visitors.repo.ts";

/**
 * Which customer a chat belongs to. Only a verified identity may reach an existing customer:
 * the host's user id (identity kind `external`), then the signed email. Anyone else becomes a
 * new customer; an email they typed stays on the visitor, marked unverified, and is never
 * merged into the customer who owns that address (that would let anyone read their chat).
 */
export async function customerForVisitor(
  scope: TenantScope,
  visitor: VisitorRow,
  typedName: string | undefined,
): Promise<string> {
  if (visitor.customer_id && (await findCustomer(scope, visitor.customer_id))) return visitor.customer_id;
  const userId = visitor.verified_user_id;
  const verifiedEmail =
    userId && visitor.email_verified && visitor.email ? visitor.email.toLowerCase() : null;
  if (userId) {
    const byUser = await findIdentityOwner(scope, "external", userId);
    const byEmail = byUser
      ? undefined
      : verifiedEmail
        ? await findIdentityOwner(scope, "email", verifiedEmail)
        : undefined;
    const owner = byUser ?? byEmail;
    if (owner) {
      // Remember the host's user id on the customer the email found, so the next chat is direct.
      if (!byUser)
        await insertIdentity(scope, {
          customerId: owner.customerId,
          kind: "external",
          value: userId,
          display: userId,
        });
      return owner.customerId;
    }
  }
  const name =
    typedName ??
    visitor.name ??
    (verifiedEmail ? visitor.email : null) ??
    `Visitor ${visitor.id.slice(0, 6)}`;
  const customer = await insertCustomer(scope, { name: name as string, organization: null });
  if (userId) {
    await insertIdentity(scope, {
      customerId: customer.id,
      kind: "external",
      value: userId,
      display: userId,
    });
    if (verifiedEmail)
      await insertIdentity(scope, {
        customerId: customer.id,
        kind: "email",
        value: verifiedEmail,
        display: visitor.email as string,
      });
  }
  return customer.id;
}
