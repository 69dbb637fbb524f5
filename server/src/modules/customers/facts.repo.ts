import type { TenantScope } from "../../platform/db/tenant.ts";

/** Facts are appended; the one row per (customer, key) without superseded_at is current. */
const factColumns = [
  "id",
  "key",
  "value",
  "recorded_at as recordedAt",
  "recorded_by as recordedBy",
  "recorded_by_name as recordedByName",
  "source_case_id as sourceCaseId",
  "source_channel as sourceChannel",
  "superseded_at as supersededAt",
] as const;

export async function currentFact(scope: TenantScope, customerId: string, key: string) {
  return scope
    .selectFrom("facts")
    .select(factColumns)
    .where("customer_id", "=", customerId)
    .where("key", "=", key)
    .where("superseded_at", "is", null)
    .forUpdate()
    .executeTakeFirst();
}

export async function supersedeFact(scope: TenantScope, id: number) {
  await scope.updateTable("facts").set({ superseded_at: new Date() }).where("id", "=", id).execute();
}

export async function insertFact(
  scope: TenantScope,
  input: {
    customerId: string;
    key: string;
    value: unknown;
    recordedBy: string | null;
    recordedByName: string | null;
    sourceCaseId: string | null;
    sourceChannel: string | null;
    recordedAt?: Date;
  },
) {
  return scope
    .insertInto("facts", {
      customer_id: input.customerId,
      key: input.key,
      value: JSON.stringify(input.value),
      recorded_by: input.recordedBy,
      recorded_by_name: input.recordedByName,
      source_case_id: input.sourceCaseId,
      source_channel: input.sourceChannel,
      superseded_at: null,
      ...(input.recordedAt ? { recorded_at: input.recordedAt } : {}),
    })
    .returning(factColumns)
    .executeTakeFirstOrThrow();
}

/** Every value ever recorded, newest first (current ones have supersededAt null). */
export async function factHistory(scope: TenantScope, customerId: string) {
  return scope
    .selectFrom("facts")
    .select(factColumns)
    .where("customer_id", "=", customerId)
    .orderBy("key")
    .orderBy("id", "desc")
    .execute();
}

export async function currentFacts(scope: TenantScope, customerId: string) {
  return scope
    .selectFrom("facts")
    .select(["key", "value"])
    .where("customer_id", "=", customerId)
    .where("superseded_at", "is", null)
    .orderBy("key")
    .execute();
}

export type FactRow = Awaited<ReturnType<typeof factHistory>>[number];

export function presentFact(f: FactRow) {
  return {
    id: String(f.id),
    key: f.key,
    value: f.value,
    current: f.supersededAt === null,
    recordedAt: f.recordedAt.toISOString(),
    recordedBy: f.recordedByName ? { id: f.recordedBy ?? "", name: f.recordedByName } : null,
    sourceCaseId: f.sourceCaseId,
    sourceChannel: f.sourceChannel,
  };
}
