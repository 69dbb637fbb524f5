import { sql } from "kysely";
import type { TenantScope } from "../../platform/db/tenant.ts";

/**
 * The customers who asked for an idea, once each whether by vote, by case, or both. Every
 * change here moves `requester_count` in the same statement's transaction, so the count on the
 * idea is the number of rows (merges recount from scratch instead).
 */

/** Marks the customer as a requester `by` vote or case; bumps the count when they are new. */
export async function addRequester(
  scope: TenantScope,
  ideaId: string,
  customerId: string,
  by: "vote" | "case",
): Promise<void> {
  const flag = by === "vote" ? "by_vote" : "by_case";
  const row = await scope
    .insertInto("feedback_requesters", { idea_id: ideaId, customer_id: customerId, [flag]: true })
    .onConflict((oc) => oc.columns(["idea_id", "customer_id", "workspace_id"]).doUpdateSet({ [flag]: true }))
    .returning(sql<boolean>`(xmax = 0)`.as("inserted"))
    .executeTakeFirstOrThrow();
  if (row.inserted)
    await scope
      .updateTable("feedback_ideas")
      .set((eb) => ({ requester_count: eb("requester_count", "+", 1) }))
      .where("id", "=", ideaId)
      .execute();
}

/**
 * Drops one reason the customer asked; the row goes (and the count with it) when no reason is
 * left. A case reason stays while another of the customer's cases is still linked.
 */
export async function dropRequester(
  scope: TenantScope,
  ideaId: string,
  customerId: string,
  by: "vote" | "case",
): Promise<void> {
  if (by === "case") {
    const other = await scope
      .selectFrom("feedback_idea_cases")
      .select("case_id")
      .where("idea_id", "=", ideaId)
      .where("customer_id", "=", customerId)
      .executeTakeFirst();
    if (other) return;
  }
  const flag = by === "vote" ? "by_vote" : "by_case";
  const row = await scope
    .updateTable("feedback_requesters")
    .set({ [flag]: false })
    .where("idea_id", "=", ideaId)
    .where("customer_id", "=", customerId)
    .returning(["by_vote", "by_case"])
    .executeTakeFirst();
  if (!row || row.by_vote || row.by_case) return;
  await scope
    .deleteFrom("feedback_requesters")
    .where("idea_id", "=", ideaId)
    .where("customer_id", "=", customerId)
    .execute();
  await scope
    .updateTable("feedback_ideas")
    .set((eb) => ({ requester_count: eb("requester_count", "-", 1) }))
    .where("id", "=", ideaId)
    .execute();
}
