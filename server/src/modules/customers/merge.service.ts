import { sql } from "kysely";
import type { Actor, AppContext } from "../../platform/context.ts";
import { TenantScope } from "../../platform/db/tenant.ts";
import { inTransaction } from "../../platform/db/tx.ts";
import { AppError } from "../../platform/http/errors.ts";
import { moveAcademyLearning } from "../academy/merge.ts";
import { audit } from "../audit/audit.ts";
import { appendEvent } from "../timeline/timeline.ts";
import { findCustomer, findCustomers, findDuplicateCandidates, identitiesOf } from "./customers.repo.ts";
import { doerOf, getCustomer, presentCustomer } from "./customers.service.ts";

type Ctx = Pick<AppContext, "db">;

/**
 * Folds a duplicate into the survivor: identities, facts, devices, cases, calls and the whole
 * timeline move over; where both knew a fact, the newer value stays current and the older
 * joins the history. The duplicate remains as a tombstone pointing at the survivor.
 */
export async function mergeCustomers(ctx: Ctx, actor: Actor, survivorId: string, duplicateId: string) {
  if (survivorId === duplicateId)
    throw new AppError("validation_failed", "a customer cannot be merged into itself", "duplicateId");
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    // Lock in id order so two merges of the same pair cannot deadlock.
    const [first, second] = [survivorId, duplicateId].sort();
    const a = await findCustomer(scope, first as string, { lock: true });
    const b = await findCustomer(scope, second as string, { lock: true });
    const survivor = [a, b].find((c) => c?.id === survivorId);
    const duplicate = [a, b].find((c) => c?.id === duplicateId);
    if (!survivor) throw new AppError("not_found", "Customer was not found");
    if (!duplicate) throw new AppError("not_found", "The duplicate customer was not found", "duplicateId");

    const ws = actor.workspaceId;
    await sql`
      update facts set superseded_at = now()
       where workspace_id = ${ws} and superseded_at is null and customer_id in (${survivorId}, ${duplicateId})
         and exists (
           select 1 from facts newer
            where newer.workspace_id = ${ws} and newer.superseded_at is null and newer.key = facts.key
              and newer.customer_id in (${survivorId}, ${duplicateId}) and newer.customer_id <> facts.customer_id
              and (newer.recorded_at, newer.id) > (facts.recorded_at, facts.id))`.execute(tx);
    for (const table of [
      "customer_identities",
      "facts",
      "devices",
      "cases",
      "calls",
      "timeline_events",
      "diagnostic_snapshots",
      "diagnostic_codes",
      "text_assessments",
      "conduct_steps",
      "conduct_appeals",
      // The chat widget's visitors and messaging channel threads (issue #22) hold no foreign key
      // to customers (they are written while cases are locked), so a merge moves them by hand.
      "chat_visitors",
      "channel_threads",
    ] as const) {
      await scope
        .updateTable(table)
        .set({ customer_id: survivorId })
        .where("customer_id", "=", duplicateId)
        .execute();
    }
    await moveAcademyLearning(scope, duplicateId, survivorId);
    // An imported person's id in the other helpdesk follows them (issue #24): a later delta
    // sync's tickets and facts then land on the survivor, not on the hidden duplicate.
    await scope
      .updateTable("import_ids")
      .set({ local_id: survivorId })
      .where("kind", "=", "user")
      .where("local_id", "=", duplicateId)
      .execute();
    await scope
      .updateTable("customers")
      .set({ merged_into: survivorId, user_id: null, updated_at: new Date() })
      .where("id", "=", duplicateId)
      .execute();
    if (!survivor.userId && duplicate.userId) {
      await scope
        .updateTable("customers")
        .set({ user_id: duplicate.userId })
        .where("id", "=", survivorId)
        .execute();
    }
    await appendEvent(scope, {
      customerId: survivorId,
      kind: "customer.merged",
      data: { duplicateId, duplicateName: duplicate.name },
      doer: doerOf(actor),
    });
    await audit(scope, {
      actorUserId: actor.userId,
      action: "customer.merged",
      subjectType: "customer",
      subjectId: survivorId,
      // Ids only: the audit log is hash-chained, so erasure (issue #23) could not remove a name
      // from it without breaking the chain. The timeline keeps the name, and erasure clears it.
      data: { duplicateId },
    });
    return getCustomer(scope, survivorId);
  });
}

export async function suggestDuplicates(ctx: Ctx, actor: Actor, customerId: string) {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  if (!(await findCustomer(scope, customerId))) throw new AppError("not_found", "Customer was not found");
  const rows = await findDuplicateCandidates(scope, customerId);
  const reasons = new Map<string, string[]>();
  for (const r of rows) reasons.set(r.id, [...(reasons.get(r.id) ?? []), r.reason]);
  const ids = [...reasons.keys()];
  const found = await findCustomers(scope, ids);
  // Keep the order in which the reasons were found.
  const customers = ids.map((id) => found.find((c) => c.id === id));
  const identities = await identitiesOf(scope, ids);
  return {
    items: customers
      .filter((c) => c !== undefined)
      .map((c) => ({
        customer: presentCustomer(c, identities),
        reasons: (reasons.get(c.id) ?? []) as Array<
          "same_phone" | "same_email_local_part_and_name" | "same_name"
        >,
      })),
  };
}
