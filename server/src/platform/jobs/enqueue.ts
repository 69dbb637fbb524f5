import { CompiledQuery } from "kysely";
import type PgBoss from "pg-boss";
import { unfencedQuery } from "../db/fence.ts";
import type { Executor } from "../db/tenant.ts";
import { QUEUES, type QueueName } from "./queue.ts";

/**
 * Enqueues a job inside the caller's transaction: pg-boss writes its job row through our
 * connection, so the job exists exactly when the data it refers to was committed. Its SQL runs
 * as the login role even inside a fenced request: the queue is not tenant data (fence.ts).
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
    db: queueDb(db),
  });
}

/**
 * Enqueues many jobs of one queue in one statement inside the caller's transaction (a
 * broadcast writes thousands), with the queue's retry policy from queue.ts.
 */
export async function enqueueManyInTx(
  boss: PgBoss,
  db: Executor,
  name: QueueName,
  data: object[],
): Promise<void> {
  const policy = QUEUES[name] as {
    retryLimit?: number;
    retryDelay?: number;
    retryBackoff?: boolean;
    expireInSeconds?: number;
  };
  const db2 = queueDb(db);
  for (let i = 0; i < data.length; i += 1000) {
    const jobs = data.slice(i, i + 1000).map((d) => ({
      name,
      data: d,
      retryLimit: policy.retryLimit,
      retryDelay: policy.retryDelay,
      retryBackoff: policy.retryBackoff,
      expireInSeconds: policy.expireInSeconds,
    }));
    await boss.insert(jobs, { db: db2 });
  }
}

/** pg-boss's statements on the caller's connection, outside the request fence (fence.ts). */
function queueDb(db: Executor) {
  return {
    executeSql: async (text: string, values: unknown[]) => {
      const result = await db.executeQuery(unfencedQuery(CompiledQuery.raw(text, values)));
      return { rows: result.rows as unknown[] };
    },
  };
}
