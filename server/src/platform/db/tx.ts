import type { Transaction } from "kysely";
import type { Db } from "./pool.ts";
import type { Database } from "./schema.ts";

/** One transaction per command: everything the command writes lands together or not at all. */
export function inTransaction<T>(db: Db, work: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
