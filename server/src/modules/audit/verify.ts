import { sql } from "kysely";
import type { Executor } from "../../platform/db/tenant.ts";
import { GENESIS_HASH } from "./audit.ts";

/**
 * Checks a workspace's audit chain and names the first broken record.
 *
 * Every record's hash is recomputed by the same database function that wrote it; then, in
 * chain order, each record must be the number after the one before it and carry its hash, and
 * the chain head must point at the last record. What breaks first tells how it was tampered:
 * - changed: a record's content no longer matches its hash;
 * - deleted: a number is missing (a record before this one was removed), or the head names a
 *   later record than the last one left (the newest records were removed);
 * - reordered: the numbers run on but the record does not follow the one before it (records were
 *   renumbered or moved between places in the chain).
 * This is a chain check, not a signature: someone able to rewrite the whole table and the head
 * consistently (by recomputing every later hash) is not detected; streaming the log out as it is
 * written (audit streaming) keeps a copy beyond their reach.
 */
export type ChainBreak = {
  id: number | null;
  seq: number;
  reason: "changed" | "deleted" | "reordered";
  detail: string;
};

export type ChainReport = { workspaceId: string; records: number; broken: ChainBreak | null };

type Row = {
  id: number;
  seq: number;
  prev_hash: string;
  hash: string;
  expected: string;
  before_seq: number | null;
  before_hash: string | null;
};

/** The chain is read in pages so a long history does not sit in memory at once. */
const PAGE = 5000;

export async function verifyChain(db: Executor, workspaceId: string): Promise<ChainReport> {
  let records = 0;
  let last: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH };
  for (;;) {
    // The window sees the page's rows only; the row before the page is `last`.
    const { rows } = await sql<Row>`
      select id, seq, prev_hash, hash,
             audit_record_hash(workspace_id, seq, created_at, actor_user_id, action, subject_type,
                               subject_id, data, request_id, prev_hash) as expected,
             lag(seq) over w as before_seq, lag(hash) over w as before_hash
        from audit_log
       where workspace_id = ${workspaceId} and seq > ${last.seq}
      window w as (order by seq)
       order by seq
       limit ${PAGE}`.execute(db);
    for (const r of rows) {
      const before = r.before_seq === null ? last : { seq: r.before_seq, hash: r.before_hash ?? "" };
      const broken = checkLink(r, before);
      if (broken) return { workspaceId, records: records + 1, broken };
      records++;
      last = { seq: r.seq, hash: r.hash };
    }
    if (rows.length < PAGE) break;
  }
  const head = await db
    .selectFrom("audit_chain_heads")
    .select(["last_seq", "last_hash"])
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  const headSeq = head ? Number(head.last_seq) : 0;
  if (headSeq > last.seq)
    return {
      workspaceId,
      records,
      broken: {
        id: null,
        seq: last.seq + 1,
        reason: "deleted",
        detail: `the chain ends at record #${last.seq} but was written up to #${headSeq}: the newest records were deleted`,
      },
    };
  if (head && headSeq < last.seq)
    return {
      workspaceId,
      records,
      broken: {
        id: null,
        seq: headSeq + 1,
        reason: "changed",
        detail: `records after #${headSeq} were added outside the log (the chain head ends there)`,
      },
    };
  if (head && headSeq === last.seq && head.last_hash !== last.hash)
    return {
      workspaceId,
      records,
      broken: {
        id: null,
        seq: last.seq,
        reason: "changed",
        detail: `the last record #${last.seq} is not the one the chain head recorded`,
      },
    };
  return { workspaceId, records, broken: null };
}

function checkLink(r: Row, before: { seq: number; hash: string }): ChainBreak | null {
  const at = { id: r.id, seq: r.seq };
  if (r.hash !== r.expected)
    return { ...at, reason: "changed", detail: `record #${r.seq} (id ${r.id}) no longer matches its hash` };
  if (r.seq !== before.seq + 1)
    return {
      ...at,
      reason: "deleted",
      detail: `records #${before.seq + 1}..#${r.seq - 1} before record #${r.seq} (id ${r.id}) are missing`,
    };
  if (r.prev_hash !== before.hash)
    return {
      ...at,
      reason: "reordered",
      detail: `record #${r.seq} (id ${r.id}) does not follow record #${before.seq}: the chain was reordered or rewritten`,
    };
  return null;
}
