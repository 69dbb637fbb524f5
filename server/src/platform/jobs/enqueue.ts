import { CompiledQuery } from "kysely";
import type PgBoss from "pg-boss";
import type { Executor } from "../db/tenant.ts";
import type { QueueName } from "./queue.ts";

/**
 * Enqueues a job inside the caller's transaction: pg-boss writes its job row through our
 * connection, so the job exists exactly when the data it refers to was committed.
 */
export async function enqueueInTx(
  boss: PgBoss,
  db: Executor,
  name: QueueName,
  data: object,
  options: PgBoss.SendOptions = {},
): Promise<void> {
  await boss.send(name, data, {
    ...options,
    db: {
      executeSql: async (text: string, values: unknown[]) => {
        const result = await db.executeQuery(CompiledQuery.raw(text, values));
        return { rows: result.rows as unknown[] };
      },
    },
  });
}
