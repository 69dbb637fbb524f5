import type { LifecycleEvent, LifecycleEventKind } from "../../../../contracts/lifecycle.ts";
import type { TenantScope } from "../../platform/db/tenant.ts";

const columns = ["id", "customer_id", "event", "at", "value", "external_id", "created_at"] as const;
type Row = {
  id: string;
  customer_id: string;
  event: LifecycleEventKind;
  at: Date;
  value: string | null;
  external_id: string | null;
  created_at: Date;
};

export function presentLifecycle(r: Row): LifecycleEvent {
  return {
    id: r.id,
    customerId: r.customer_id,
    event: r.event,
    at: r.at.toISOString(),
    value: r.value === null ? null : Number(r.value),
    externalId: r.external_id,
    createdAt: r.created_at.toISOString(),
  };
}

/**
 * Inserts one event; with an external id already seen in the workspace nothing is written and
 * the stored row comes back with created=false (idempotent imports and retried API calls).
 */
export async function insertLifecycle(
  scope: TenantScope,
  e: {
    customerId: string;
    event: LifecycleEventKind;
    at: Date;
    value: number | null;
    externalId: string | null;
  },
): Promise<{ row: Row; created: boolean }> {
  const inserted = await scope
    .insertInto("customer_lifecycle_events", {
      customer_id: e.customerId,
      event: e.event,
      at: e.at,
      value: e.value,
      external_id: e.externalId,
    })
    .onConflict((oc) => oc.columns(["workspace_id", "external_id"]).doNothing())
    .returning(columns)
    .executeTakeFirst();
  if (inserted) return { row: inserted as Row, created: true };
  const existing = await scope
    .selectFrom("customer_lifecycle_events")
    .select(columns)
    .where("external_id", "=", e.externalId)
    .executeTakeFirstOrThrow();
  return { row: existing as Row, created: false };
}

export async function listLifecycle(scope: TenantScope, customerId: string) {
  const rows = await scope
    .selectFrom("customer_lifecycle_events")
    .select(columns)
    .where("customer_id", "=", customerId)
    .orderBy("at", "desc")
    .orderBy("created_at", "desc")
    .limit(1000)
    .execute();
  return (rows as Row[]).map(presentLifecycle);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Resolves the CSV's customer column: a customer id, an email address, or an account number
 * (the external identity a billing system knows). Unknown and merged customers are absent.
 */
export async function resolveCustomerRefs(scope: TenantScope, refs: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const ids = [...new Set(refs.filter((r) => UUID.test(r)).map((r) => r.toLowerCase()))];
  const emails = [
    ...new Set(refs.filter((r) => !UUID.test(r) && r.includes("@")).map((r) => r.toLowerCase())),
  ];
  const accounts = [...new Set(refs.filter((r) => !UUID.test(r) && !r.includes("@")))];
  if (ids.length > 0) {
    const rows = await scope
      .selectFrom("customers")
      .select("id")
      .where("id", "in", ids)
      .where("merged_into", "is", null)
      .execute();
    for (const r of rows) out.set(r.id, r.id);
  }
  for (const [kind, values] of [
    ["email", emails],
    ["account", accounts],
  ] as const) {
    if (values.length === 0) continue;
    const rows = await scope
      .selectFrom("customer_identities")
      .innerJoin("customers", "customers.id", "customer_identities.customer_id")
      .select(["customer_identities.value as value", "customers.id as id"])
      .where("customer_identities.kind", "=", kind)
      .where("customer_identities.value", "in", values)
      .where("customers.merged_into", "is", null)
      .execute();
    for (const r of rows) out.set(r.value, r.id);
  }
  return out;
}

export const customerRefKey = (ref: string) =>
  UUID.test(ref) || ref.includes("@") ? ref.toLowerCase() : ref;
