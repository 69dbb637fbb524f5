import type { TenantScope } from "../../platform/db/tenant.ts";
import {
  findIdentityOwner,
  insertCustomer,
  insertIdentity,
  updateCustomer,
} from "../customers/customers.repo.ts";
import { appendEvent } from "../timeline/timeline.ts";
import type { ParsedEmail } from "./parse.ts";

// Who an inbound email is from, on the customer side: the sender's customer record, and what a
// bounce notice means for the address it names. Split from process.ts, which threads and files.

/** The sender's customer, found by any identity, or created; a display name fills a missing name. */
export async function resolveSender(
  scope: TenantScope,
  sender: { address: string; name: string },
): Promise<string> {
  // The identity lookup brings the customer's name along: one round trip for the common case.
  const owner = await findIdentityOwner(scope, "email", sender.address);
  if (owner) {
    const placeholder = owner.name === sender.address || owner.name === sender.address.split("@")[0];
    if (sender.name && placeholder)
      await updateCustomer(scope, owner.customerId, { name: sender.name.slice(0, 200) });
    return owner.customerId;
  }
  const created = await insertCustomer(scope, {
    name: (sender.name || sender.address).slice(0, 200),
    organization: null,
  });
  await insertIdentity(scope, {
    customerId: created.id,
    kind: "email",
    value: sender.address,
    display: sender.address,
  });
  return created.id;
}

/**
 * A permanent failure marks the address undeliverable on its customer and tells the case why;
 * a delay only tells the case (the mail may still arrive); success notices change nothing.
 */
export async function recordBounce(scope: TenantScope, mail: ParsedEmail): Promise<string | null> {
  const bounce = mail.bounce;
  if (!bounce || bounce.outcome === "other") return null;
  if (bounce.outcome === "failed") {
    await scope
      .updateTable("customer_identities")
      .set({ undeliverable: bounce.reason })
      .where("kind", "=", "email")
      .where("value", "=", bounce.recipient)
      .execute();
  }
  const original = bounce.originalMessageId
    ? await scope
        .selectFrom("messages")
        .innerJoin("cases as c", "c.id", "messages.case_id")
        .select(["c.id as caseId", "c.customer_id as customerId"])
        .where("messages.email_message_id", "=", bounce.originalMessageId)
        .executeTakeFirst()
    : undefined;
  const owner = original ? undefined : await findIdentityOwner(scope, "email", bounce.recipient);
  const customerId = original?.customerId ?? owner?.customerId;
  if (customerId) {
    await appendEvent(scope, {
      customerId,
      caseId: original?.caseId ?? null,
      kind: bounce.outcome === "failed" ? "email.bounced" : "email.delayed",
      data: { address: bounce.recipient, reason: bounce.reason },
      doer: { userId: null, name: "Mail system" },
    });
  }
  return original?.caseId ?? null;
}
