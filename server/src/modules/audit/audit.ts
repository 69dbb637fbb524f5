import { sql } from "kysely";
import type { TenantScope } from "../../platform/db/tenant.ts";

/**
 * The audit log: every command that changes who can do what writes one entry, in the same
 * transaction as the change itself.
 *
 * Each entry is hash-chained (migration 0073): it takes the next number in its workspace's
 * chain and stores the previous entry's hash beside its own, computed by the database function
 * `audit_record_hash` (the one definition verification also uses). The upsert on the
 * workspace's chain head takes that row's lock until the transaction ends, so concurrent
 * appends in one workspace queue behind each other instead of forking the chain.
 */
export type AuditEntry = {
  actorUserId: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  data?: Record<string, unknown>;
  requestId?: string;
};

/** The prev_hash of a chain's first record. */
export const GENESIS_HASH = "0".repeat(64);

export async function audit(scope: TenantScope, entry: AuditEntry): Promise<void> {
  if (scope.db.isTransaction) return appendEntry(scope, entry);
  // Outside a caller's transaction the three statements still land together.
  await scope.db.transaction().execute((tx) => appendEntry(scope.with(tx), entry));
}

async function appendEntry(scope: TenantScope, entry: AuditEntry): Promise<void> {
  const head = await scope
    .insertInto("audit_chain_heads", { last_seq: 1, last_hash: GENESIS_HASH })
    .onConflict((oc) =>
      oc.column("workspace_id").doUpdateSet({ last_seq: sql<number>`audit_chain_heads.last_seq + 1` }),
    )
    .returning(["last_seq", "last_hash"])
    .executeTakeFirstOrThrow();
  const seq = Number(head.last_seq);
  const prevHash = head.last_hash;
  const data = JSON.stringify(entry.data ?? {});
  const actor = entry.actorUserId;
  const subjectType = entry.subjectType ?? null;
  const subjectId = entry.subjectId ?? null;
  const requestId = entry.requestId ?? null;
  // created_at defaults to the transaction's now(), the same instant the hash is computed over.
  // (TenantScope types inserted values as plain values; the hash is an SQL expression.)
  const row = await scope
    .insertInto("audit_log", {
      actor_user_id: actor,
      action: entry.action,
      subject_type: subjectType,
      subject_id: subjectId,
      data,
      request_id: requestId,
      seq,
      prev_hash: prevHash,
      hash: sql<string>`audit_record_hash(${scope.workspaceId}::uuid, ${seq}::bigint, now(), ${actor}::text,
        ${entry.action}::text, ${subjectType}::text, ${subjectId}::text, ${data}::jsonb, ${requestId}::text,
        ${prevHash}::text)` as unknown as string,
    })
    .returning("hash")
    .executeTakeFirstOrThrow();
  await scope.updateTable("audit_chain_heads").set({ last_hash: row.hash }).execute();
}
