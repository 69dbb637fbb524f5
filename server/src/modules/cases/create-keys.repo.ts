import { sql } from "kysely";
import type { TenantScope } from "../../platform/db/tenant.ts";

/** How long a key is remembered: a retry comes within minutes; a day covers a client's backoff. */
const KEPT = sql<Date>`now() - interval '24 hours'`;
/** A claim still without its case after this long belongs to a request that died. */
const ABANDONED = sql<Date>`now() - interval '2 minutes'`;

export type KeyRow = { requestHash: string; caseId: string | null; createdAt: Date };

/** Takes the key for this actor; false when it is already taken (by an earlier or a simultaneous request). */
export async function claimKey(scope: TenantScope, membershipId: string, key: string, requestHash: string) {
  // A row past its day is forgotten; so is a claim with no case after two minutes (its request
  // died before recording the case: the retry may create it).
  await scope
    .deleteFrom("case_create_keys")
    .where("membership_id", "=", membershipId)
    .where("key", "=", key)
    .where((eb) =>
      eb.or([
        eb("created_at", "<", KEPT),
        eb.and([eb("case_id", "is", null), eb("created_at", "<", ABANDONED)]),
      ]),
    )
    .execute();
  const row = await scope
    .insertInto("case_create_keys", { membership_id: membershipId, key, request_hash: requestHash })
    .onConflict((oc) => oc.columns(["membership_id", "key", "workspace_id"]).doNothing())
    .returning("key")
    .executeTakeFirst();
  return row !== undefined;
}

export async function readKey(
  scope: TenantScope,
  membershipId: string,
  key: string,
): Promise<KeyRow | undefined> {
  return scope
    .selectFrom("case_create_keys")
    .select(["request_hash as requestHash", "case_id as caseId", "created_at as createdAt"])
    .where("membership_id", "=", membershipId)
    .where("key", "=", key)
    .executeTakeFirst();
}

export async function keyCreated(scope: TenantScope, membershipId: string, key: string, caseId: string) {
  await scope
    .updateTable("case_create_keys")
    .set({ case_id: caseId })
    .where("membership_id", "=", membershipId)
    .where("key", "=", key)
    .execute();
}

/** The creation failed: the key is free again, so the client's retry can create the case. */
export async function releaseKey(scope: TenantScope, membershipId: string, key: string) {
  await scope
    .deleteFrom("case_create_keys")
    .where("membership_id", "=", membershipId)
    .where("key", "=", key)
    .where("case_id", "is", null)
    .execute();
}

/** Keys past their day in the workspace go as new ones arrive (no sweep job to keep). */
export async function pruneKeys(scope: TenantScope) {
  await scope.deleteFrom("case_create_keys").where("created_at", "<", KEPT).execute();
}
