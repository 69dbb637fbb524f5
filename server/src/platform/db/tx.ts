import type { Transaction } from "kysely";
import type { Db } from "./pool.ts";
import type { Database } from "./schema.ts";

/**
 * One transaction per command: everything the command writes lands together or not at all.
 * Called with a transaction (a command composed into a larger one, such as a chat start that
 * opens its case through createCase), the work joins it instead: Kysely cannot nest them.
 */
export function inTransaction<T>(db: Db, work: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  return db.transaction().execute(work);
}

/** PostgreSQL ended the transaction to break a deadlock, or for a serialization conflict. */
const RETRYABLE = new Set(["40P01", "40001"]);

/**
 * As inTransaction, tried again (three times in all) when PostgreSQL ends it to break a
 * deadlock. For commands that lock several rows which background work may lock in another
 * order (a merge's cases, while an SLA sweep or routing updates the same cases in theirs): the
 * database picks one side to fail, and the person's click should not be that side. The work
 * must have no effect outside the database (realtime and jobs go through it, so they do not).
 * Joined to an outer transaction, it is not retried: the outer one has failed with it.
 */
export async function inRetriedTransaction<T>(
  db: Db,
  work: (tx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (err) {
      const code = String((err as { code?: unknown })?.code ?? "");
      if (attempt >= 3 || !RETRYABLE.has(code)) throw err;
    }
  }
}
