import type { Transaction } from "kysely";
import type { Db } from "../../../platform/db/pool.ts";
import type { Database } from "../../../platform/db/schema.ts";
import type { Page } from "./resources.ts";
import type { Skip, WriteOutcome } from "./writer.ts";

/**
 * Writes what a page holds, in as few transactions as possible: the whole page in one when it
 * goes through, which is nearly always. When it fails for something in the data (a constraint,
 * a value PostgreSQL refuses, a writer tripping on a malformed record), the page is split in
 * halves, each half tried alone, down to the one record at fault, which is reported as failed
 * while every other record is written. So a bad record costs about 2·log2(page) transactions,
 * never the import. The checkpoint goes with the last part, so a crash midway re-reads the
 * page, and idempotent writers make that harmless.
 */
export async function writePageSafely(
  db: Db,
  page: Page,
  work: (
    tx: Transaction<Database>,
    records: unknown[],
    isLast: boolean,
    failed: Skip[],
  ) => Promise<WriteOutcome>,
): Promise<WriteOutcome> {
  const total: WriteOutcome = { created: 0, updated: 0, skips: [] };
  const add = (o: WriteOutcome) => {
    total.created += o.created;
    total.updated += o.updated;
    total.skips.push(...o.skips);
  };

  async function attempt(records: unknown[], isLast: boolean): Promise<void> {
    try {
      add(await db.transaction().execute((tx) => work(tx, records, isLast, [])));
    } catch (err) {
      if (isTransient(err)) throw err;
      if (records.length <= 1) {
        const failed: Skip = {
          externalId: String((records[0] as { id?: unknown } | undefined)?.id ?? "?"),
          outcome: "failed",
          reason: `Could not be written: ${err instanceof Error ? err.message : String(err)}`.slice(0, 1000),
        };
        // The failure is recorded (and the checkpoint moved on) without the record.
        add(await db.transaction().execute((tx) => work(tx, [], isLast, [failed])));
        return;
      }
      const middle = Math.ceil(records.length / 2);
      await attempt(records.slice(0, middle), false);
      await attempt(records.slice(middle), isLast);
    }
  }

  await attempt(page.records as unknown[], true);
  return total;
}

/**
 * Failures that say nothing about the data: the database or the network went away, or the
 * server is shutting down. Splitting the page would only fail every record, so the run stops
 * instead (as failed, resumable from its last checkpoint).
 */
export function isTransient(err: unknown): boolean {
  if (err instanceof EarlierPageFailed) return true;
  const code = String((err as { code?: unknown })?.code ?? "");
  if (/^(08|53|57|58)/.test(code)) return true; // connection, resources, operator intervention, system
  if (/^E(CONN|PIPE|TIMEDOUT|HOSTUNREACH|AI_AGAIN)/.test(code)) return true;
  const message = err instanceof Error ? err.message : "";
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    message,
  );
}

/**
 * The page written before this one (beside it) failed: this one cannot be checkpointed after
 * it, and splitting it would only fail each record, so it stops with the run instead.
 */
export class EarlierPageFailed extends Error {
  constructor(cause: unknown) {
    super(`an earlier page failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
