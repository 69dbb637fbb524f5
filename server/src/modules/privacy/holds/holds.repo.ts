import type { LegalHold } from "../../../../../contracts/privacy.ts";
import type { TenantScope } from "../../../platform/db/tenant.ts";
import { iso } from "../../../platform/http/route-kit.ts";

/** Legal holds, read through the scope with what the list shows about their subject. */
export async function listHolds(
  scope: TenantScope,
  filter: {
    status: "active" | "released" | "all";
    customerId?: string;
    id?: string;
    /** Holds covering one case: on the case itself or on its customer. */
    covering?: { caseId: string; customerId: string };
  },
): Promise<LegalHold[]> {
  let q = scope
    .selectFrom("legal_holds")
    .leftJoin("customers", "customers.id", "legal_holds.customer_id")
    .leftJoin("cases", "cases.id", "legal_holds.case_id")
    .select([
      "legal_holds.id",
      "legal_holds.customer_id",
      "legal_holds.case_id",
      "legal_holds.reason",
      "legal_holds.placed_by_name",
      "legal_holds.placed_at",
      "legal_holds.released_at",
      "legal_holds.released_by_name",
      "customers.name as customer_name",
      "cases.number as case_number",
      "cases.subject as case_subject",
    ])
    .orderBy("legal_holds.placed_at", "desc")
    .limit(500);
  if (filter.status === "active") q = q.where("legal_holds.released_at", "is", null);
  if (filter.status === "released") q = q.where("legal_holds.released_at", "is not", null);
  if (filter.id) q = q.where("legal_holds.id", "=", filter.id);
  if (filter.customerId) {
    const c = filter.customerId;
    // A hold on the customer or on any of their cases.
    q = q.where((eb) => eb.or([eb("legal_holds.customer_id", "=", c), eb("cases.customer_id", "=", c)]));
  }
  if (filter.covering) {
    const { caseId, customerId } = filter.covering;
    q = q.where((eb) =>
      eb.or([eb("legal_holds.case_id", "=", caseId), eb("legal_holds.customer_id", "=", customerId)]),
    );
  }
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customer_id,
    caseId: r.case_id,
    subject: r.case_id ? `#${r.case_number} ${r.case_subject ?? ""}`.trim() : (r.customer_name ?? ""),
    reason: r.reason,
    placedByName: r.placed_by_name,
    placedAt: iso(r.placed_at),
    releasedAt: iso(r.released_at),
    releasedByName: r.released_by_name,
  }));
}
