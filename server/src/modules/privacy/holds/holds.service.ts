import type {
  CreateLegalHoldInput,
  LegalHold,
  LegalHoldListQuery,
} from "../../../../../contracts/privacy.ts";
import type { Actor, AppContext } from "../../../platform/context.ts";
import { TenantScope } from "../../../platform/db/tenant.ts";
import { inTransaction } from "../../../platform/db/tx.ts";
import { AppError, notFound } from "../../../platform/http/errors.ts";
import { audit } from "../../audit/audit.ts";
import { listHolds } from "./holds.repo.ts";

type Ctx = Pick<AppContext, "db">;

/**
 * The workspace's holds (active by default). With `caseId`, only those covering that case: on
 * it or on its customer; a case of another workspace (or none) is 404 naming `caseId`.
 */
export async function listHoldsFor(ctx: Ctx, actor: Actor, query: LegalHoldListQuery): Promise<LegalHold[]> {
  const scope = new TenantScope(ctx.db, actor.workspaceId);
  if (!query.caseId) return listHolds(scope, { status: query.status });
  const kase = await scope
    .selectFrom("cases")
    .select(["id", "customer_id"])
    .where("id", "=", query.caseId)
    .executeTakeFirst();
  if (!kase) throw new AppError("not_found", "Case was not found", "caseId");
  return listHolds(scope, {
    status: query.status,
    covering: { caseId: kase.id, customerId: kase.customer_id },
  });
}

/**
 * Places a legal hold on a customer or a case. While it is active the customer cannot be
 * erased and retention policies skip the data. A customer already erased (or being erased)
 * has nothing left to hold: 409.
 */
export async function placeHold(ctx: Ctx, actor: Actor, input: CreateLegalHoldInput): Promise<LegalHold> {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    let customerId = input.customerId ?? null;
    if (input.caseId) {
      const kase = await scope
        .selectFrom("cases")
        .select(["customer_id"])
        .where("id", "=", input.caseId)
        .executeTakeFirst();
      if (!kase) throw new AppError("not_found", "Case was not found", "caseId");
      customerId = kase.customer_id;
    }
    const customer = await scope
      .selectFrom("customers")
      .select(["id", "erased_at"])
      .where("id", "=", customerId as string)
      .forUpdate()
      .executeTakeFirst();
    if (!customer) throw new AppError("not_found", "Customer was not found", "customerId");
    const erasing = await scope
      .selectFrom("erasure_requests")
      .select("id")
      .where("customer_id", "=", customer.id)
      .executeTakeFirst();
    if (customer.erased_at || erasing)
      throw new AppError(
        "conflict",
        "This customer has been erased; there is nothing left to hold",
        input.caseId ? "caseId" : "customerId",
      );
    const row = await scope
      .insertInto("legal_holds", {
        customer_id: input.caseId ? null : customer.id,
        case_id: input.caseId ?? null,
        reason: input.reason,
        placed_by: actor.userId,
        placed_by_name: actor.name,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "legal_hold.placed",
      subjectType: input.caseId ? "case" : "customer",
      subjectId: input.caseId ?? customer.id,
      data: { holdId: row.id },
    });
    const [hold] = await listHolds(scope, { status: "all", id: row.id });
    return hold as LegalHold;
  });
}

/** Releases an active hold; releasing a released one is a 409. */
export async function releaseHold(ctx: Ctx, actor: Actor, id: string): Promise<LegalHold> {
  return inTransaction(ctx.db, async (tx) => {
    const scope = new TenantScope(tx, actor.workspaceId);
    const hold = await scope
      .selectFrom("legal_holds")
      .select(["id", "released_at", "customer_id", "case_id"])
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!hold) throw notFound("Legal hold");
    if (hold.released_at) throw new AppError("conflict", "This legal hold was already released");
    await scope
      .updateTable("legal_holds")
      .set({ released_at: new Date(), released_by_name: actor.name })
      .where("id", "=", id)
      .execute();
    await audit(scope, {
      actorUserId: actor.userId,
      action: "legal_hold.released",
      subjectType: hold.case_id ? "case" : "customer",
      subjectId: hold.case_id ?? hold.customer_id ?? undefined,
      data: { holdId: id },
    });
    const [released] = await listHolds(scope, { status: "all", id });
    return released as LegalHold;
  });
}
