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
